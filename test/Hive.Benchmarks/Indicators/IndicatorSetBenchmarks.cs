using BenchmarkDotNet.Attributes;
using Hive.Trading.Indicators;
using Hive.Trading.Market;

namespace Hive.Benchmarks.Indicators;

/// <summary>
/// One closed bar through a runner's window and a typical indicator set (SMA 20, EMA 50, RSI 14, MACD 12/26/9,
/// Bollinger 20/2, ATR 14, 20-bar high and low), then a strategy's reads of all of them: ns per bar.
/// </summary>
[MemoryDiagnoser]
public class IndicatorSetBenchmarks
{
    private const int Bars = 4096;
    private readonly Candle[] _bars = new Candle[Bars];
    private CandleWindow _window = null!;
    private IndicatorSet _set = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var price = 100.0;
        for (var i = 0; i < Bars; i++)
        {
            var open = price;
            price *= 1 + ((random.NextDouble() - 0.5) * 0.01);
            _bars[i] = new Candle("BTCUSDT", i * 60_000L, (i * 60_000L) + 59_999, open, Math.Max(open, price) * 1.001, Math.Min(open, price) * 0.999, price, 10);
        }

        _window = new CandleWindow(200);
        _set = new IndicatorSet(_window);
        foreach (var bar in _bars)
        {
            Step(bar);
        }
    }

    [Benchmark(OperationsPerInvoke = Bars)]
    public double UpdateAndRead()
    {
        var sum = 0.0;
        foreach (var bar in _bars)
        {
            sum += Step(bar);
        }

        return sum;
    }

    private double Step(in Candle bar)
    {
        _window.Add(bar);
        _set.Update(bar);
        return _set.Sma(20).GetValueOrDefault() + _set.Ema(50).GetValueOrDefault() + _set.Rsi(14).GetValueOrDefault()
            + _set.Macd(12, 26, 9).GetValueOrDefault().Histogram + _set.Bollinger(20, 2).GetValueOrDefault().PercentB
            + _set.Atr(14).GetValueOrDefault() + _set.High(20).GetValueOrDefault() + _set.Low(20).GetValueOrDefault();
    }
}
