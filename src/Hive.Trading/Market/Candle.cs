namespace Hive.Trading.Market;

/// <summary>
/// One OHLCV bar. Times are Unix epoch milliseconds, UTC; <see cref="CloseTime"/> is the last millisecond the bar
/// covers, as in Binance's kline format. Prices and volume are <see cref="double"/>: market data feeds indicator math;
/// orders, fills and ledgers convert to <see cref="decimal"/> at the point where money is booked.
/// </summary>
/// <param name="Symbol">Exchange symbol in upper case, for example <c>BTCUSDT</c>.</param>
/// <param name="OpenTime">Open time, Unix epoch milliseconds (UTC).</param>
/// <param name="CloseTime">Close time, Unix epoch milliseconds (UTC), inclusive.</param>
/// <param name="Open">Open price.</param>
/// <param name="High">Highest traded price.</param>
/// <param name="Low">Lowest traded price.</param>
/// <param name="Close">Close (last) price.</param>
/// <param name="Volume">Base-asset volume.</param>
/// <param name="IsClosed">Whether the bar is final; live feeds also publish bars still forming.</param>
public readonly record struct Candle(
    string Symbol,
    long OpenTime,
    long CloseTime,
    double Open,
    double High,
    double Low,
    double Close,
    double Volume,
    bool IsClosed = true)
{
    /// <summary>Open time as a UTC <see cref="DateTimeOffset"/>.</summary>
    public DateTimeOffset OpenTimeUtc => DateTimeOffset.FromUnixTimeMilliseconds(OpenTime);

    /// <summary>Close time as a UTC <see cref="DateTimeOffset"/>.</summary>
    public DateTimeOffset CloseTimeUtc => DateTimeOffset.FromUnixTimeMilliseconds(CloseTime);
}
