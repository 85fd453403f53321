using BenchmarkDotNet.Attributes;
using Hive.Trading.Indicators;

namespace Hive.Benchmarks.Indicators;

/// <summary>Nanoseconds per update of each incremental indicator (warmed up, so every update is the steady-state path).</summary>
[MemoryDiagnoser]
public class IndicatorUpdateBenchmarks
{
    private const int Bars = 4096;
    private readonly double[] _closes = new double[Bars];
    private readonly double[] _highs = new double[Bars];
    private readonly double[] _lows = new double[Bars];
    private readonly SimpleMovingAverage _sma = new(20);
    private readonly ExponentialMovingAverage _ema = new(20);
    private readonly RelativeStrengthIndex _rsi = new(14);
    private readonly Macd _macd = new(12, 26, 9);
    private readonly BollingerBands _bands = new(20, 2);
    private readonly AverageTrueRange _atr = new(14);
    private readonly RollingMaximum _highest = new(20);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var price = 100.0;
        for (var i = 0; i < Bars; i++)
        {
            price *= 1 + ((random.NextDouble() - 0.5) * 0.01);
            _closes[i] = price;
            _highs[i] = price * (1 + (random.NextDouble() * 0.003));
            _lows[i] = price * (1 - (random.NextDouble() * 0.003));
        }

        for (var i = 0; i < Bars; i++)
        {
            _sma.Update(_closes[i]);
            _ema.Update(_closes[i]);
            _rsi.Update(_closes[i]);
            _macd.Update(_closes[i]);
            _bands.Update(_closes[i]);
            _atr.Update(_highs[i], _lows[i], _closes[i]);
            _highest.Update(_highs[i]);
        }
    }

    [Benchmark(OperationsPerInvoke = Bars)]
    public double Sma20()
    {
        var sum = 0.0;
        foreach (var close in _closes)
        {
            _sma.Update(close);
            sum += _sma.Value;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Bars)]
    public double Ema20()
    {
        var sum = 0.0;
        foreach (var close in _closes)
        {
            _ema.Update(close);
            sum += _ema.Value;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Bars)]
    public double Rsi14()
    {
        var sum = 0.0;
        foreach (var close in _closes)
        {
            _rsi.Update(close);
            sum += _rsi.Value;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Bars)]
    public double Macd12And26And9()
    {
        var sum = 0.0;
        foreach (var close in _closes)
        {
            _macd.Update(close);
            sum += _macd.Histogram;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Bars)]
    public double Bollinger20And2()
    {
        var sum = 0.0;
        foreach (var close in _closes)
        {
            _bands.Update(close);
            sum += _bands.PercentB + _bands.Bandwidth;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Bars)]
    public double Atr14()
    {
        var sum = 0.0;
        for (var i = 0; i < Bars; i++)
        {
            _atr.Update(_highs[i], _lows[i], _closes[i]);
            sum += _atr.Value;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Bars)]
    public double RollingHigh20()
    {
        var sum = 0.0;
        foreach (var high in _highs)
        {
            _highest.Update(high);
            sum += _highest.Value;
        }

        return sum;
    }
}
