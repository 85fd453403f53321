namespace Hive.Binance.Rest;

/// <summary>The typed result of an order request: an expected business outcome, not an exception.</summary>
/// <param name="Outcome">How the request ended.</param>
/// <param name="Order">The order, when known.</param>
/// <param name="Error">Binance's error, when it answered one.</param>
/// <param name="Reconciled">True when the first answer was unknown and the outcome comes from querying the client order id.</param>
public sealed record BinanceOrderResult(
    BinanceOrderOutcome Outcome,
    BinanceOrder? Order,
    BinanceApiError? Error,
    bool Reconciled = false);
