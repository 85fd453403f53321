using Hive.Trading.Indicators;
using Hive.Trading.Market;

namespace Hive.Trading.Tests.Indicators;

public sealed class IndicatorSetTests
{
    private static Candle[] Series(int count)
    {
        var bars = new Candle[count];
        for (var i = 0; i < count; i++)
        {
            var close = 100 + (10 * Math.Sin(i * 0.13)) + (i * 0.05);
            bars[i] = CandleWindowTests.Bar(i, close + 1 + (i % 3), close - 1 - (i % 2), close);
        }

        return bars;
    }

    private static void Feed(CandleWindow window, IndicatorSet set, Candle bar)
    {
        window.Add(bar);
        set.Update(bar);
    }

    [Fact]
    public void Requests_BeforeReady_ReturnNull()
    {
        var window = new CandleWindow(100);
        var sut = new IndicatorSet(window);
        foreach (var bar in Series(5))
        {
            Feed(window, sut, bar);
        }

        Assert.Null(sut.Sma(6));
        Assert.Null(sut.Ema(6));
        Assert.Null(sut.Rsi(5));
        Assert.Null(sut.Macd(2, 4, 3));
        Assert.Null(sut.Bollinger(6, 2));
        Assert.Null(sut.Atr(5));
        Assert.Null(sut.High(6));
        Assert.Null(sut.Low(6));
        Assert.NotNull(sut.Sma(5));
        Assert.NotNull(sut.Rsi(4));
        Assert.NotNull(sut.Atr(4));
        Assert.NotNull(sut.Macd(2, 3, 2));
    }

    [Fact]
    public void LateRequest_WithinWindowCapacity_EqualsAnIndicatorFedEveryBar()
    {
        var bars = Series(300);
        var window = new CandleWindow(300);
        var sut = new IndicatorSet(window);
        var sma = new SimpleMovingAverage(20);
        var ema = new ExponentialMovingAverage(20);
        var rsi = new RelativeStrengthIndex(14);
        var macd = new Macd(12, 26, 9);
        var bands = new BollingerBands(20, 2);
        var atr = new AverageTrueRange(14);
        var high = new RollingMaximum(10);
        var low = new RollingMinimum(10);
        for (var i = 0; i < bars.Length; i++)
        {
            Feed(window, sut, bars[i]);
            sma.Update(bars[i].Close);
            ema.Update(bars[i].Close);
            rsi.Update(bars[i].Close);
            macd.Update(bars[i].Close);
            bands.Update(bars[i].Close);
            atr.Update(bars[i]);
            high.Update(bars[i].High);
            low.Update(bars[i].Low);

            // the set's indicators are first requested at bar 150, then kept up to date incrementally
            if (i < 150)
            {
                continue;
            }

            Assert.Equal(sma.Value, sut.Sma(20)!.Value, 1e-9);
            Assert.Equal(ema.Value, sut.Ema(20)!.Value, 1e-9);
            Assert.Equal(rsi.Value, sut.Rsi(14)!.Value, 1e-9);
            var m = sut.Macd(12, 26, 9)!.Value;
            Assert.Equal(macd.Line, m.Line, 1e-9);
            Assert.Equal(macd.Signal, m.Signal, 1e-9);
            Assert.Equal(macd.Histogram, m.Histogram, 1e-9);
            var b = sut.Bollinger(20, 2)!.Value;
            Assert.Equal(bands.Upper, b.Upper, 1e-9);
            Assert.Equal(bands.Middle, b.Middle, 1e-9);
            Assert.Equal(bands.Lower, b.Lower, 1e-9);
            Assert.Equal(bands.Bandwidth, b.Bandwidth, 1e-9);
            Assert.Equal(bands.PercentB, b.PercentB, 1e-9);
            Assert.Equal(atr.Value, sut.Atr(14)!.Value, 1e-9);
            Assert.Equal(high.Value, sut.High(10)!.Value);
            Assert.Equal(low.Value, sut.Low(10)!.Value);
            Assert.Equal(window.Highest(10), sut.High(10)!.Value);
            Assert.Equal(window.Lowest(10), sut.Low(10)!.Value);
        }

        Assert.Equal(8, sut.Count);
    }

    [Fact]
    public void RepeatedRequest_SameParameters_KeepsOneIndicator()
    {
        var window = new CandleWindow(50);
        var sut = new IndicatorSet(window);
        foreach (var bar in Series(50))
        {
            Feed(window, sut, bar);
            _ = sut.Sma(5);
            _ = sut.Sma(5);
            _ = sut.Bollinger(5, 2);
            _ = sut.Bollinger(5, 2.5);
        }

        Assert.Equal(3, sut.Count);
    }

    [Fact]
    public void LateRequest_LongerThanWindow_SeesOnlyTheWindow()
    {
        var window = new CandleWindow(10);
        var sut = new IndicatorSet(window);
        var bars = Series(40);
        foreach (var bar in bars)
        {
            Feed(window, sut, bar);
        }

        // 40 bars passed but the window keeps 10: an SMA(15) requested now needs five more bars.
        Assert.Null(sut.Sma(15));
        foreach (var bar in Series(45)[40..])
        {
            Feed(window, sut, bar);
        }

        Assert.NotNull(sut.Sma(15));
    }

    [Fact]
    public void ManyPeriodsOfOneKind_BeyondTheScanLimit_EachStaysDistinctAndUpdated()
    {
        var bars = Series(100);
        var window = new CandleWindow(100);
        var sut = new IndicatorSet(window);
        const int kinds = IndicatorSet.ScanLimit * 3;
        for (var i = 0; i < bars.Length; i++)
        {
            Feed(window, sut, bars[i]);
            for (var period = 1; period <= kinds; period++)
            {
                _ = sut.Sma(period);
            }
        }

        Assert.Equal(kinds, sut.Count);
        for (var period = 1; period <= kinds; period++)
        {
            Assert.Equal(Enumerable.Range(0, period).Average(ago => window[ago].Close), sut.Sma(period)!.Value, 1e-9);
        }
    }

    [Fact]
    public void EarlyRequest_LongerThanWindow_BecomesReadyFromItsOwnHistory()
    {
        var window = new CandleWindow(5);
        var sut = new IndicatorSet(window);
        var sma = new SimpleMovingAverage(15);
        Assert.Null(sut.Sma(15));
        foreach (var bar in Series(30))
        {
            Feed(window, sut, bar);
            sma.Update(bar.Close);
            Assert.Equal(sma.IsReady, sut.Sma(15).HasValue);
        }

        Assert.Equal(sma.Value, sut.Sma(15)!.Value, 1e-9);
    }

    [Fact]
    public void Request_NonPositivePeriod_Throws()
    {
        var sut = new IndicatorSet(new CandleWindow(10));
        Assert.Throws<ArgumentOutOfRangeException>(() => sut.Sma(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => sut.Macd(12, 26, -1));
        Assert.Equal(0, sut.Count);
    }

    [Fact]
    public void UpdateAndRepeatedRequests_TypicalSet_AllocateNothing()
    {
        var bars = Series(2_000);
        var window = new CandleWindow(200);
        var sut = new IndicatorSet(window);
        var sum = 0.0;
        for (var i = 0; i < 300; i++)
        {
            Feed(window, sut, bars[i]);
            sum += Touch(sut);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 300; i < bars.Length; i++)
        {
            Feed(window, sut, bars[i]);
            sum += Touch(sut);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.False(double.IsNaN(sum));
    }

    [Fact]
    public void Clear_AfterRequests_DropsEveryIndicator()
    {
        var window = new CandleWindow(10);
        var sut = new IndicatorSet(window);
        _ = sut.Sma(3);
        _ = sut.Atr(3);
        sut.Clear();
        Assert.Equal(0, sut.Count);
    }

    private static double Touch(IndicatorSet sut) =>
        sut.Sma(20).GetValueOrDefault() + sut.Ema(50).GetValueOrDefault() + sut.Rsi(14).GetValueOrDefault()
        + sut.Macd(12, 26, 9).GetValueOrDefault().Histogram + sut.Bollinger(20, 2).GetValueOrDefault().PercentB
        + sut.Atr(14).GetValueOrDefault() + sut.High(20).GetValueOrDefault() + sut.Low(20).GetValueOrDefault();
}
