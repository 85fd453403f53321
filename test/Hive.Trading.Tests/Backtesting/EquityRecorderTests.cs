using Hive.Trading.Backtesting;
using Hive.Trading.Metrics;
using Hive.Trading.Portfolio;

namespace Hive.Trading.Tests.Backtesting;

public sealed class EquityRecorderTests
{
    private const long Minute = 60_000;
    private const long Hour = 3_600_000;
    private static readonly long T0 = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    [Fact]
    public void Reduced_PeakAndTroughInsideAnHour_AreKeptSoMaxDrawdownIsExact()
    {
        var sut = new EquityRecorder(Hour, keepFull: true);
        decimal[] minutes = [100m, 130m, 90m, 95m, 120m];
        for (var i = 0; i < minutes.Length; i++)
        {
            sut.Observe(T0 + (i * Minute), minutes[i]);
        }

        sut.Observe(T0 + Hour + Minute, 125m);
        sut.Complete(T0 + Hour + (2 * Minute), 125m);

        var reduced = sut.Reduced();
        Assert.Equal(
            [(T0, 100m), (T0 + Minute, 130m), (T0 + (2 * Minute), 90m), (T0 + (4 * Minute), 120m), (T0 + Hour + (2 * Minute), 125m)],
            reduced.Select(p => (p.Timestamp, p.Equity)));
        Assert.Equal(MetricsCalculator.MaxDrawdown(sut.Full()!), MetricsCalculator.MaxDrawdown(reduced));
        Assert.Equal(40.0 / 130, MetricsCalculator.MaxDrawdown(reduced), 12);
    }

    [Fact]
    public void Observe_SameTimestampTwice_KeepsTheLaterValue()
    {
        var sut = new EquityRecorder(Hour, keepFull: true);

        sut.Observe(T0, 100m);
        sut.Observe(T0 + Minute, 101m);
        sut.Observe(T0 + Minute, 99m);
        sut.Complete(T0 + Minute, 99m);

        Assert.Equal([new EquityPoint(T0, 100m), new EquityPoint(T0 + Minute, 99m)], sut.Full()!);
        Assert.Equal(sut.Full(), sut.Reduced());
    }

    [Fact]
    public void Constructor_ResolutionNotDividingADay_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new EquityRecorder(7 * Hour, keepFull: false));

        Assert.Contains("must divide a day", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1_000, Hour)]
    [InlineData(5_000 * 60, 2 * Hour)]
    [InlineData(1_000_000, 4 * Hour)]
    [InlineData(50_000_000, 24 * Hour)]
    public void Choose_RunOfMinutes_GivesTheFinestResolutionWithinTheBucketLimit(int minutes, long expected)
    {
        Assert.Equal(expected, EquityResolution.Choose(T0, T0 + (minutes * Minute)));
    }
}
