using Hive.Trading.Metrics;
using Hive.Trading.Portfolio;
using Hive.Trading.Strategies;

namespace Hive.Trading.Tests.Metrics;

public sealed class MetricsCalculatorTests
{
    private const long Hour = 3_600_000;
    private const long Day = 24 * Hour;
    private static readonly long Day0 = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    // 100 → 110 (day 0) → 99 (day 1) → 121 (day 2): daily returns +10 %, −10 %, +22.2 %.
    private static readonly EquityPoint[] ThreeDays =
    [
        new(Day0, 100m),
        new(Day0 + 12 * Hour, 110m),
        new(Day0 + Day + 12 * Hour, 99m),
        new(Day0 + 2 * Day + 10 * Hour, 121m),
    ];

    [Fact]
    public void DailyReturns_ThreeDays_UseEachUtcDaysLastPoint()
    {
        var sut = MetricsCalculator.DailyReturns(ThreeDays);

        Assert.Equal(3, sut.Length);
        Assert.Equal(0.1, sut[0], 12);
        Assert.Equal(-0.1, sut[1], 12);
        Assert.Equal(121.0 / 99 - 1, sut[2], 12);
    }

    [Fact]
    public void DailyReturns_DayWithoutPoints_IsAZeroReturn()
    {
        EquityPoint[] curve = [new(Day0, 100m), new(Day0 + Hour, 110m), new(Day0 + 2 * Day + Hour, 121m)];

        var sut = MetricsCalculator.DailyReturns(curve);

        Assert.Equal([0.1, 0.0, 0.1], sut.Select(r => Math.Round(r, 12)));
    }

    [Fact]
    public void Compute_ThreeDays_SharpeAndSortinoUseSampleDeviationAndSqrt365()
    {
        var sut = MetricsCalculator.Compute([], ThreeDays);

        // mean / stdev(sample) * √365 and mean / √(Σ min(r,0)² / (n − 1)) * √365, worked out independently.
        Assert.Equal(8.699820940459645, sut.Sharpe, 9);
        Assert.Equal(20.013712720157482, sut.Sortino, 9);
        Assert.Equal(0.21, sut.TotalReturn, 12);
        Assert.Equal(0.1, sut.MaxDrawdown, 12);
        Assert.Equal(100m, sut.InitialEquity);
        Assert.Equal(121m, sut.FinalEquity);
    }

    [Fact]
    public void Compute_OneYearSpan_CagrEqualsTotalReturn()
    {
        EquityPoint[] curve = [new(Day0, 1000m), new(Day0 + 365 * Day, 1210m)];

        var sut = MetricsCalculator.Compute([], curve);

        Assert.Equal(0.21, sut.Cagr, 9);
    }

    [Fact]
    public void Compute_TwoYearSpan_CagrIsTheAnnualRate()
    {
        EquityPoint[] curve = [new(Day0, 1000m), new(Day0 + 730 * Day, 1210m)];

        var sut = MetricsCalculator.Compute([], curve);

        Assert.Equal(0.1, sut.Cagr, 9);
    }

    [Fact]
    public void Compute_SpanShorterThanADay_CagrIsZero()
    {
        EquityPoint[] curve = [new(Day0, 1000m), new(Day0 + Hour, 1100m)];

        Assert.Equal(0, MetricsCalculator.Compute([], curve).Cagr);
    }

    [Fact]
    public void Compute_DrawdownFromLaterHigherPeak_IsTheLargestFraction()
    {
        EquityPoint[] curve = [new(Day0, 100m), new(Day0 + 1, 80m), new(Day0 + 2, 200m), new(Day0 + 3, 140m), new(Day0 + 4, 150m)];

        Assert.Equal(0.3, MetricsCalculator.Compute([], curve).MaxDrawdown, 12);
    }

    [Fact]
    public void Compute_TradeWithZeroPnl_CountsAsALoss()
    {
        ClosedTrade[] trades =
        [
            Trade(Day0, Day0 + Hour, pnl: 30m, fees: 1m),
            Trade(Day0 + 2 * Hour, Day0 + 3 * Hour, pnl: 0m, fees: 1m),
            Trade(Day0 + 4 * Hour, Day0 + 5 * Hour, pnl: -10m, fees: 1m),
            Trade(Day0 + 6 * Hour, Day0 + 7 * Hour, pnl: 20m, fees: 1m),
        ];
        EquityPoint[] curve = [new(Day0, 1000m), new(Day0 + 8 * Hour, 1040m)];

        var sut = MetricsCalculator.Compute(trades, curve);

        Assert.Equal(4, sut.TradeCount);
        Assert.Equal(0.5, sut.WinRate);
        Assert.Equal(5.0, sut.ProfitFactor, 12);
        Assert.Equal(40m, sut.NetProfit);
        Assert.Equal(4m, sut.TotalFees);
    }

    [Fact]
    public void Compute_OnlyWinningTrades_ProfitFactorIsInfinite()
    {
        EquityPoint[] curve = [new(Day0, 1000m), new(Day0 + Day, 1010m)];

        var sut = MetricsCalculator.Compute([Trade(Day0, Day0 + Hour, 10m, 0m)], curve);

        Assert.Equal(double.PositiveInfinity, sut.ProfitFactor);
        Assert.Equal(1.0, sut.WinRate);
    }

    [Fact]
    public void Compute_NoTrades_RatiosAreZero()
    {
        EquityPoint[] curve = [new(Day0, 1000m), new(Day0 + Day, 1000m)];

        var sut = MetricsCalculator.Compute([], curve);

        Assert.Equal(0, sut.WinRate);
        Assert.Equal(0, sut.ProfitFactor);
        Assert.Equal(0, sut.ExposureTime);
        Assert.Equal(0, sut.Sharpe);
    }

    [Fact]
    public void Compute_OverlappingTrades_ExposureCountsTimeOnce()
    {
        // Runners on one portfolio: [0h, 4h] and [2h, 6h] overlap; [8h, 9h] is apart. 7 of 10 hours exposed.
        ClosedTrade[] trades =
        [
            Trade(Day0, Day0 + 4 * Hour, 1m, 0m),
            Trade(Day0 + 2 * Hour, Day0 + 6 * Hour, 1m, 0m),
            Trade(Day0 + 8 * Hour, Day0 + 9 * Hour, 1m, 0m),
        ];
        EquityPoint[] curve = [new(Day0, 1000m), new(Day0 + 10 * Hour, 1003m)];

        Assert.Equal(0.7, MetricsCalculator.Compute(trades, curve).ExposureTime, 12);
    }

    [Fact]
    public void Compute_EmptyCurve_ThrowsNamingTheProblem()
    {
        var ex = Assert.Throws<ArgumentException>(() => MetricsCalculator.Compute([], []));

        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_CurveOutOfOrder_ThrowsNamingThePoint()
    {
        EquityPoint[] curve = [new(Day0 + 5, 100m), new(Day0, 101m)];

        var ex = Assert.Throws<ArgumentException>(() => MetricsCalculator.Compute([], curve));

        Assert.Contains("point 1", ex.Message, StringComparison.Ordinal);
    }

    private static ClosedTrade Trade(long entry, long exit, decimal pnl, decimal fees) =>
        new("r1", "BTCUSDT", PositionSide.Long, 1m, entry, 100m, exit, 100m + pnl, fees, pnl, "strategy");
}
