using Hive.Trading.Strategies;

namespace Hive.Lua.Tests;

/// <summary>An indicator provider whose readings the test sets; it counts the calls it serves.</summary>
internal sealed class FakeIndicators : IIndicatorProvider
{
    public double? SmaValue { get; set; }

    public double? EmaValue { get; set; }

    public double? RsiValue { get; set; }

    public MacdValue? MacdReading { get; set; }

    public BollingerValue? BollingerReading { get; set; }

    public double? AtrValue { get; set; }

    public double? HighValue { get; set; }

    public double? LowValue { get; set; }

    public double? WindowHigh { get; set; }

    public double? WindowLow { get; set; }

    public List<string> Calls { get; } = [];

    public double? Sma(int period) => Record($"sma({period})", SmaValue);

    public double? Ema(int period) => Record($"ema({period})", EmaValue);

    public double? Rsi(int period) => Record($"rsi({period})", RsiValue);

    public MacdValue? Macd(int fastPeriod, int slowPeriod, int signalPeriod)
    {
        Calls.Add($"macd({fastPeriod},{slowPeriod},{signalPeriod})");
        return MacdReading;
    }

    public BollingerValue? Bollinger(int period, double k)
    {
        Calls.Add(FormattableString.Invariant($"bollinger({period},{k})"));
        return BollingerReading;
    }

    public double? Atr(int period) => Record($"atr({period})", AtrValue);

    public double? High(int period) => Record($"high({period})", HighValue);

    public double? Low(int period) => Record($"low({period})", LowValue);

    private double? Record(string call, double? value)
    {
        Calls.Add(call);
        return value;
    }
}
