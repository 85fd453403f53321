using System.Globalization;
using Hive.Trading.Market;

namespace Hive.Binance.Rest;

/// <summary>
/// One kline of <c>/api/v3/klines</c> with every field kept as the exchange sent it, so that it can be written to an
/// archive CSV byte for byte.
/// </summary>
/// <param name="OpenTime">Open time, ms.</param>
/// <param name="Fields">The twelve fields as text: open_time, open, high, low, close, volume, close_time, quote_volume,
/// count, taker_buy_volume, taker_buy_quote_volume, ignore.</param>
public sealed record BinanceKlineRow(long OpenTime, IReadOnlyList<string> Fields)
{
    /// <summary>Close time, ms.</summary>
    public long CloseTime => long.Parse(Fields[6], CultureInfo.InvariantCulture);

    /// <summary>The row as a closed trading-core candle.</summary>
    public Candle ToCandle(string symbol) => new(
        symbol, OpenTime, CloseTime, D(1), D(2), D(3), D(4), D(5), IsClosed: true);

    /// <summary>The archive CSV line (no line terminator).</summary>
    public string ToArchiveLine() => string.Join(',', Fields);

    private double D(int index) => double.Parse(Fields[index], NumberStyles.Float, CultureInfo.InvariantCulture);
}
