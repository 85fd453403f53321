using Hive.Trading.Risk;
using Hive.Trading.Strategies;

namespace Hive.Trading.Runners;

/// <summary>
/// One runner's configuration (DESIGN §4): which strategy trades which symbol with which parameters, its window,
/// sizing, risk limits, error policy and starting equity.
/// </summary>
public sealed record RunnerConfig
{
    /// <summary>Default number of bars the runner's window keeps.</summary>
    public const int DefaultWindowSize = 256;

    /// <summary>Default starting equity, in quote currency.</summary>
    public const decimal DefaultInitialEquity = 10_000m;

    /// <summary>Unique runner ID, e.g. <c>btc_ema_prod</c>: letters, digits, <c>_</c>, <c>-</c> and <c>.</c>.</summary>
    public required string RunnerId { get; init; }

    /// <summary>Exchange symbol, upper case.</summary>
    public required string Symbol { get; init; }

    /// <summary>Strategy name (<c>ema-cross</c>) or a path a catalog resolver claims (<c>strategies/ema.lua</c>).</summary>
    public required string Strategy { get; init; }

    /// <summary>Strategy parameters.</summary>
    public StrategyParameters Parameters { get; init; } = StrategyParameters.Empty;

    /// <summary>Bars kept in the runner's window (and so the longest usable indicator look-back of <c>High</c>/<c>Low</c>).</summary>
    public int WindowSize { get; init; } = DefaultWindowSize;

    /// <summary>
    /// Quantity of an entry when the strategy gives none. When <c>null</c>, entries are sized to
    /// <see cref="AllocationFraction"/> of the runner's current equity at the entry price.
    /// </summary>
    public decimal? DefaultQuantity { get; init; }

    /// <summary>
    /// Fraction of equity (0 &lt; a ≤ 1) an entry uses when neither the strategy nor <see cref="DefaultQuantity"/> gives
    /// a quantity; the quantity leaves room for the entry fee (<see cref="FeeRate"/>).
    /// </summary>
    public decimal AllocationFraction { get; init; } = 1m;

    /// <summary>
    /// Fee rate per side the runner assumes when it sizes an entry and checks its buying power (Binance spot taker,
    /// 0.1 %, unless the host sets the rate its broker charges).
    /// </summary>
    public decimal FeeRate { get; init; } = 0.001m;

    /// <summary>
    /// The bar size the strategy sees, from the reserved parameter <c>timeframe</c> (<see cref="Timeframe.ParameterName"/>);
    /// <c>null</c> when the strategy sees the feed's own candles. Stop-loss and take-profit are still checked on every
    /// candle of the feed.
    /// </summary>
    public Timeframe? Timeframe =>
        Parameters.Values.TryGetValue(Runners.Timeframe.ParameterName, out var text) && Runners.Timeframe.TryParse(text, out var timeframe)
            ? timeframe
            : null;

    /// <summary>Decimal places quantities are rounded down to.</summary>
    public int QuantityDecimals { get; init; } = 6;

    /// <summary>The runner's own pre-trade limits.</summary>
    public RiskLimits Risk { get; init; } = RiskLimits.None;

    /// <summary>What a strategy error does: stop the runner (production) or skip the update (development).</summary>
    public ErrorPolicy ErrorPolicy { get; init; } = ErrorPolicy.Production;

    /// <summary>Starting equity in quote currency.</summary>
    public decimal InitialEquity { get; init; } = DefaultInitialEquity;

    /// <summary>Transitions kept in the runner's history.</summary>
    public int TransitionHistorySize { get; init; } = RunnerStateMachine.DefaultHistoryCapacity;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(RunnerId) || !RunnerId.All(static c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
        {
            throw new ArgumentException($"Runner ID '{RunnerId}' is invalid: use letters, digits, '_', '-' or '.'.");
        }

        if (string.IsNullOrWhiteSpace(Symbol) || !Symbol.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException($"Runner '{RunnerId}': symbol '{Symbol}' is invalid: use letters and digits, e.g. BTCUSDT.");
        }

        if (string.IsNullOrWhiteSpace(Strategy))
        {
            throw new ArgumentException($"Runner '{RunnerId}': strategy is empty.");
        }

        Require(WindowSize >= 2, $"window size must be at least 2, got {WindowSize}");
        Require(DefaultQuantity is null or > 0, $"default quantity must be positive, got {DefaultQuantity}");
        Require(AllocationFraction is > 0 and <= 1, $"allocation must be a fraction of equity, 0 < allocation <= 1 (0.25 is a quarter), got {AllocationFraction}");
        Require(FeeRate is >= 0 and < 1, $"fee rate must be in [0, 1), got {FeeRate}");
        ArgumentNullException.ThrowIfNull(Parameters);
        if (Parameters.Values.TryGetValue(Runners.Timeframe.ParameterName, out var timeframe))
        {
            Require(Runners.Timeframe.TryParse(timeframe, out _), $"timeframe '{timeframe}' is not one of {Runners.Timeframe.Accepted}");
        }

        Require(QuantityDecimals is >= 0 and <= 18, $"quantity decimals must be between 0 and 18, got {QuantityDecimals}");
        Require(InitialEquity > 0, $"initial equity must be positive, got {InitialEquity}");
        Require(TransitionHistorySize > 0, $"transition history size must be positive, got {TransitionHistorySize}");
        ArgumentNullException.ThrowIfNull(Risk);
        try
        {
            Risk.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"Runner '{RunnerId}': {ex.Message}", ex);
        }
    }

    private void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"Runner '{RunnerId}': {message}.");
        }
    }
}
