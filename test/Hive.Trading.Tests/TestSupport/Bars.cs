using Hive.Trading.Market;

namespace Hive.Trading.Tests.TestSupport;

/// <summary>Hand-made candles for tests: one-minute bars from 2026-02-01T00:00Z.</summary>
internal static class Bars
{
    public const long Minute = 60_000;
    public static readonly long T0 = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    public static Candle At(int index, double open, double high, double low, double close, string symbol = "BTCUSDT") =>
        new(symbol, T0 + (index * Minute), T0 + ((index + 1) * Minute) - 1, open, high, low, close, 10);

    public static Candle Flat(int index, double price, string symbol = "BTCUSDT") => At(index, price, price, price, price, symbol);
}
