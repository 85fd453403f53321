using Hive.Trading.Indicators;

namespace Hive.Trading.Tests.Indicators;

/// <summary>Small series whose values can be checked by hand; the arithmetic is in the comments.</summary>
public sealed class WorkedExampleTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void SimpleMovingAverage_ThreeBars_AveragesTheLastThree()
    {
        var sut = new SimpleMovingAverage(3);
        Assert.False(sut.Update(1));
        Assert.False(sut.Update(2));
        Assert.True(double.IsNaN(sut.Value));
        Assert.True(sut.Update(3));
        Assert.Equal(2, sut.Value, Tolerance);
        sut.Update(4);
        Assert.Equal(3, sut.Value, Tolerance);
        sut.Update(8);
        Assert.Equal(5, sut.Value, Tolerance);
    }

    [Fact]
    public void SimpleMovingAverage_LongSeriesOfAwkwardValues_DoesNotDrift()
    {
        var sut = new SimpleMovingAverage(7);
        var random = new Random(7);
        var values = new double[100_003];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = 40_000 + (random.NextDouble() * 0.001);
            sut.Update(values[i]);
        }

        var exact = 0.0;
        for (var i = values.Length - 7; i < values.Length; i++)
        {
            exact += values[i];
        }

        Assert.Equal(exact / 7, sut.Value, 1e-9);
    }

    [Fact]
    public void ExponentialMovingAverage_Period3_SeedsWithSmaThenSmoothsByHalf()
    {
        // α = 2 / (3 + 1) = 0.5; seed = (1 + 2 + 3) / 3 = 2; then 2 + 0.5 (6 − 2) = 4; 4 + 0.5 (1 − 4) = 2.5.
        var sut = new ExponentialMovingAverage(3);
        Assert.False(sut.Update(1));
        Assert.False(sut.Update(2));
        Assert.True(double.IsNaN(sut.Value));
        Assert.True(sut.Update(3));
        Assert.Equal(2, sut.Value, Tolerance);
        sut.Update(6);
        Assert.Equal(4, sut.Value, Tolerance);
        sut.Update(1);
        Assert.Equal(2.5, sut.Value, Tolerance);
    }

    [Fact]
    public void WildersMovingAverage_Period2_SeedsWithSmaThenSmooths()
    {
        // seed = (2 + 4) / 2 = 3; then (3 × 1 + 7) / 2 = 5.
        var sut = new WildersMovingAverage(2);
        Assert.False(sut.Update(2));
        Assert.True(sut.Update(4));
        Assert.Equal(3, sut.Value, Tolerance);
        sut.Update(7);
        Assert.Equal(5, sut.Value, Tolerance);
    }

    [Fact]
    public void RelativeStrengthIndex_Period3_ReadyAfterFourClosesWithWilderSmoothing()
    {
        // changes +1, +1, −1: avg gain 2/3, avg loss 1/3, RS 2, RSI 100 − 100/3 = 66.67.
        // then +2: gain (2/3 × 2 + 2) / 3 = 10/9, loss (1/3 × 2) / 3 = 2/9, RS 5, RSI 100 − 100/6 = 83.33.
        var sut = new RelativeStrengthIndex(3);
        Assert.False(sut.Update(10));
        Assert.False(sut.Update(11));
        Assert.False(sut.Update(12));
        Assert.False(sut.IsReady);
        Assert.True(double.IsNaN(sut.Value));
        Assert.True(sut.Update(11));
        Assert.Equal(100 - (100.0 / 3), sut.Value, Tolerance);
        sut.Update(13);
        Assert.Equal(10.0 / 9, sut.AverageGain, Tolerance);
        Assert.Equal(2.0 / 9, sut.AverageLoss, Tolerance);
        Assert.Equal(100 - (100.0 / 6), sut.Value, Tolerance);
    }

    [Fact]
    public void RelativeStrengthIndex_OnlyGains_Is100()
    {
        var sut = new RelativeStrengthIndex(2);
        sut.Update(1);
        sut.Update(2);
        sut.Update(3);
        Assert.Equal(100, sut.Value);
    }

    [Fact]
    public void Macd_Periods2And3And2_LineWhenSlowReadySignalAfterSlowPlusSignalMinusOne()
    {
        // fast EMA(2): α 2/3, seed (1 + 3) / 2 = 2; 2 + 2/3 (8 − 2) = 6; 6 + 2/3 (4 − 6) = 14/3.
        // slow EMA(3): α 1/2, seed (1 + 3 + 8) / 3 = 4; 4 + 1/2 (4 − 4) = 4.
        // line: 6 − 4 = 2, then 14/3 − 4 = 2/3. signal EMA(2) seeded (2 + 2/3) / 2 = 4/3; histogram 2/3 − 4/3 = −2/3.
        var sut = new Macd(2, 3, 2);
        Assert.False(sut.Update(1));
        Assert.False(sut.Update(3));
        Assert.False(sut.IsLineReady);
        Assert.True(double.IsNaN(sut.Line));
        Assert.False(sut.Update(8));
        Assert.True(sut.IsLineReady);
        Assert.Equal(2, sut.Line, Tolerance);
        Assert.True(double.IsNaN(sut.Signal));
        Assert.True(sut.Update(4));
        Assert.Equal(2.0 / 3, sut.Line, Tolerance);
        Assert.Equal(4.0 / 3, sut.Signal, Tolerance);
        Assert.Equal(-2.0 / 3, sut.Histogram, Tolerance);
    }

    [Fact]
    public void Macd_FastNotLessThanSlow_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Macd(26, 12, 9));
        Assert.Equal("fastPeriod", ex.ParamName);
    }

    [Fact]
    public void BollingerBands_Period3K2_UsesPopulationSigma()
    {
        // 1, 2, 3: middle 2, population variance (1 + 0 + 1) / 3 = 2/3, σ = 0.8165; bands 2 ± 1.633;
        // bandwidth 4σ / 2 = 2σ; %B (3 − (2 − 2σ)) / 4σ.
        var sut = new BollingerBands(3, 2);
        sut.Update(1);
        Assert.False(sut.Update(2));
        Assert.True(double.IsNaN(sut.Upper));
        Assert.True(sut.Update(3));
        var sigma = Math.Sqrt(2.0 / 3);
        Assert.Equal(2, sut.Middle, Tolerance);
        Assert.Equal(sigma, sut.StandardDeviation, Tolerance);
        Assert.Equal(2 + (2 * sigma), sut.Upper, Tolerance);
        Assert.Equal(2 - (2 * sigma), sut.Lower, Tolerance);
        Assert.Equal(2 * sigma, sut.Bandwidth, Tolerance);
        Assert.Equal((1 + (2 * sigma)) / (4 * sigma), sut.PercentB, Tolerance);
    }

    [Fact]
    public void Current_BollingerAndMacd_MatchTheirSingleProperties()
    {
        var bands = new BollingerBands(5, 2.5);
        var macd = new Macd(3, 6, 4);
        Assert.Null(bands.Current);
        Assert.Null(macd.Current);
        for (var i = 0; i < 40; i++)
        {
            bands.Update(50 + (i % 7) - (i % 3));
            macd.Update(50 + (i % 7) - (i % 3));
        }

        var b = bands.Current!.Value;
        Assert.Equal(bands.Upper, b.Upper, Tolerance);
        Assert.Equal(bands.Middle, b.Middle, Tolerance);
        Assert.Equal(bands.Lower, b.Lower, Tolerance);
        Assert.Equal(bands.Bandwidth, b.Bandwidth, Tolerance);
        Assert.Equal(bands.PercentB, b.PercentB, Tolerance);
        var m = macd.Current!.Value;
        Assert.Equal(macd.Line, m.Line, Tolerance);
        Assert.Equal(macd.Signal, m.Signal, Tolerance);
        Assert.Equal(macd.Histogram, m.Histogram, Tolerance);
    }

    [Fact]
    public void BollingerBands_FlatSeries_HasZeroWidthAndPercentBOneHalf()
    {
        var sut = new BollingerBands(4, 2);
        for (var i = 0; i < 10; i++)
        {
            sut.Update(40_000.1);
        }

        Assert.Equal(0, sut.StandardDeviation);
        Assert.Equal(40_000.1, sut.Upper, 1e-9);
        Assert.Equal(0.5, sut.PercentB);
        Assert.Equal(0, sut.Bandwidth);
        Assert.Equal(0.5, sut.Current!.Value.PercentB);
    }

    [Fact]
    public void BollingerBands_NonPositiveK_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new BollingerBands(20, 0));
        Assert.Equal("k", ex.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new BollingerBands(20, double.NaN));
    }

    [Fact]
    public void AverageTrueRange_Period2_SkipsFirstBarThenWilderSmooths()
    {
        // TRs: bar 2 max(2, |11 − 9|, |9 − 9|) = 2; bar 3 max(2, |12 − 10|, |10 − 10|) = 2 → ATR 2;
        // bar 4 max(4, |15 − 11|, |11 − 11|) = 4 → (2 + 4) / 2 = 3; bar 5 gaps down: max(1, |9 − 14|, |8 − 14|) = 6 → 4.5.
        var sut = new AverageTrueRange(2);
        Assert.False(sut.Update(10, 8, 9));
        Assert.True(double.IsNaN(sut.TrueRange));
        Assert.False(sut.Update(11, 9, 10));
        Assert.True(sut.Update(12, 10, 11));
        Assert.Equal(2, sut.Value, Tolerance);
        sut.Update(15, 11, 14);
        Assert.Equal(3, sut.Value, Tolerance);
        sut.Update(9, 8, 8.5);
        Assert.Equal(6, sut.TrueRange, Tolerance);
        Assert.Equal(4.5, sut.Value, Tolerance);
    }

    [Fact]
    public void AverageTrueRange_CountingFirstBarRange_IsReadyOneBarEarlier()
    {
        // first TR = 10 − 8 = 2, second = 2 → ATR 2 after two bars.
        var sut = new AverageTrueRange(2, countFirstBarRange: true);
        Assert.False(sut.Update(10, 8, 9));
        Assert.True(sut.Update(11, 9, 10));
        Assert.Equal(2, sut.Value, Tolerance);
    }

    [Fact]
    public void RollingMaximumAndMinimum_Period3_TrackTheExtremeOfTheLastThree()
    {
        double[] values = [1, 5, 2, 3, 1, 0, 7, 7, 2];
        double[] highest = [5, 5, 3, 3, 7, 7, 7];
        double[] lowest = [1, 2, 1, 0, 0, 0, 2];
        var max = new RollingMaximum(3);
        var min = new RollingMinimum(3);
        for (var i = 0; i < values.Length; i++)
        {
            Assert.Equal(i >= 2, max.Update(values[i]));
            min.Update(values[i]);
            if (i >= 2)
            {
                Assert.Equal(highest[i - 2], max.Value);
                Assert.Equal(lowest[i - 2], min.Value);
            }
            else
            {
                Assert.True(double.IsNaN(max.Value));
            }
        }
    }

    [Fact]
    public void RollingMaximum_RandomSeries_MatchesANaiveScan()
    {
        var random = new Random(3);
        var values = new double[2_000];
        var sut = new RollingMaximum(17);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Math.Round(random.NextDouble() * 20);
            sut.Update(values[i]);
            if (i >= 16)
            {
                Assert.Equal(values.AsSpan(i - 16, 17).ToArray().Max(), sut.Value);
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Constructors_NonPositivePeriod_ThrowWithNameAndValue(int period)
    {
        AssertGuard(() => new SimpleMovingAverage(period), "period", period);
        AssertGuard(() => new ExponentialMovingAverage(period), "period", period);
        AssertGuard(() => new WildersMovingAverage(period), "period", period);
        AssertGuard(() => new RelativeStrengthIndex(period), "period", period);
        AssertGuard(() => new BollingerBands(period, 2), "period", period);
        AssertGuard(() => new AverageTrueRange(period), "period", period);
        AssertGuard(() => new RollingMaximum(period), "period", period);
        AssertGuard(() => new RollingMinimum(period), "period", period);
        AssertGuard(() => new Macd(period, 26, 9), "fastPeriod", period);
        AssertGuard(() => new Macd(12, period, 9), "slowPeriod", period);
        AssertGuard(() => new Macd(12, 26, period), "signalPeriod", period);
    }

    [Fact]
    public void Reset_AfterUpdates_StartsOver()
    {
        var sma = new SimpleMovingAverage(2);
        var ema = new ExponentialMovingAverage(2);
        var rsi = new RelativeStrengthIndex(2);
        var macd = new Macd(2, 3, 2);
        var bands = new BollingerBands(2, 2);
        var atr = new AverageTrueRange(2);
        var max = new RollingMaximum(2);
        for (var i = 0; i < 10; i++)
        {
            sma.Update(i);
            ema.Update(i);
            rsi.Update(i);
            macd.Update(i);
            bands.Update(i);
            atr.Update(i + 1, i, i);
            max.Update(i);
        }

        sma.Reset();
        ema.Reset();
        rsi.Reset();
        macd.Reset();
        bands.Reset();
        atr.Reset();
        max.Reset();
        Assert.False(sma.IsReady || ema.IsReady || rsi.IsReady || macd.IsLineReady || bands.IsReady || atr.IsReady || max.IsReady);
        sma.Update(1);
        sma.Update(3);
        Assert.Equal(2, sma.Value);
        max.Update(1);
        max.Update(0);
        Assert.Equal(1, max.Value);
    }

    [Fact]
    public void Update_EveryIndicator_AllocatesNothing()
    {
        var sma = new SimpleMovingAverage(20);
        var ema = new ExponentialMovingAverage(20);
        var rsi = new RelativeStrengthIndex(14);
        var macd = new Macd(12, 26, 9);
        var bands = new BollingerBands(20, 2);
        var atr = new AverageTrueRange(14);
        var max = new RollingMaximum(20);
        var min = new RollingMinimum(20);
        var sum = 0.0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100_000; i++)
        {
            var x = 100 + Math.Sin(i * 0.1);
            sma.Update(x);
            ema.Update(x);
            rsi.Update(x);
            macd.Update(x);
            bands.Update(x);
            atr.Update(x + 1, x - 1, x);
            max.Update(x);
            min.Update(x);
            sum += i < 100 ? 0 : sma.Value + ema.Value + rsi.Value + macd.Histogram + bands.PercentB + atr.Value + max.Value + min.Value;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.False(double.IsNaN(sum));
    }

    private static void AssertGuard(Func<object> create, string name, int value)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(create);
        Assert.Equal(name, ex.ParamName);
        Assert.Equal(value, ex.ActualValue);
    }
}
