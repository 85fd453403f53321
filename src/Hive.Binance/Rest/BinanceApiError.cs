namespace Hive.Binance.Rest;

/// <summary>An error answered by Binance: <c>{"code":-1121,"msg":"Invalid symbol."}</c> and the HTTP status.</summary>
/// <param name="Code">Binance error code (negative), or 0 when the body carried none.</param>
/// <param name="Message">Binance's message, or a description of the HTTP failure.</param>
/// <param name="HttpStatus">HTTP status of the response, 0 when no response arrived.</param>
public sealed record BinanceApiError(int Code, string Message, int HttpStatus)
{
    /// <summary>The code as a known <see cref="BinanceErrorCode"/> (undefined values are other codes).</summary>
    public BinanceErrorCode Kind => (BinanceErrorCode)Code;

    /// <summary>
    /// Whether the request's outcome is unknown: Binance timed out internally (-1007) or failed with a 5xx. An order in
    /// this state may or may not exist and must be reconciled, not resent.
    /// </summary>
    public bool IsUnknownStatus => Code == (int)BinanceErrorCode.Timeout || HttpStatus >= 500 || Code == (int)BinanceErrorCode.UnknownError;

    /// <inheritdoc />
    public override string ToString() => $"{Message} ({Code}, HTTP {HttpStatus})";
}
