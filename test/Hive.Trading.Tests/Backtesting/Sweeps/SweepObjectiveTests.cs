using Hive.Trading.Backtesting.Sweeps;
using Hive.Trading.Metrics;

namespace Hive.Trading.Tests.Backtesting.Sweeps;

public sealed class SweepObjectiveTests
{
    [Theory]
    [InlineData("sharpe", 1.5)]
    [InlineData("Sortino", 2.5)]
    [InlineData("return", 0.1)]
    [InlineData("total-return", 0.1)]
    [InlineData("profit_factor", 1.8)]
    [InlineData("profit-factor", 1.8)]
    [InlineData("max_drawdown", 0.2)]
    [InlineData("win_rate", 0.55)]
    [InlineData("trades", 12)]
    public void Parse_KnownName_ReadsThatMetric(string name, double expected)
    {
        var sut = SweepObjective.Parse(name);

        Assert.Equal(expected, sut.ValueOf(Metrics(sharpe: 1.5)));
    }

    [Fact]
    public void Parse_UnknownName_FailsNamingItAndListingTheKnownOnes()
    {
        var error = Assert.Throws<FormatException>(() => SweepObjective.Parse("calmar"));

        Assert.Contains("--objective 'calmar': unknown objective", error.Message, StringComparison.Ordinal);
        Assert.Contains("sharpe, sortino, return", error.Message, StringComparison.Ordinal);
        Assert.Contains("max_drawdown", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rank_HigherIsBetter_PutsTheLargestFirstTiesByPointAndFailedPointsLast()
    {
        var sut = SweepObjective.Parse("sharpe");
        SweepPointResult[] results =
        [
            Result(0, 0.5), Result(1, 2.0), Result(2, null), Result(3, 2.0), Result(4, -1.0), Result(5, double.NaN),
        ];

        var ranked = SweepReport.Rank(results, sut);

        Assert.Equal([1, 3, 0, 4, 5, 2], ranked.Select(static r => r.Point.Index));
    }

    [Fact]
    public void Rank_MaxDrawdown_PutsTheSmallestFirst()
    {
        var sut = SweepObjective.Parse("max_drawdown");
        SweepPointResult[] results = [Result(0, 1, drawdown: 0.3), Result(1, 1, drawdown: 0.1), Result(2, 1, drawdown: 0.2)];

        var ranked = SweepReport.Rank(results, sut);

        Assert.True(sut.LowerIsBetter);
        Assert.Equal([1, 2, 0], ranked.Select(static r => r.Point.Index));
    }

    internal static PerformanceMetrics Metrics(double sharpe, double drawdown = 0.2) =>
        new(10_000m, 11_000m, 0.1, 0.3, sharpe, 2.5, drawdown, 12, 0.55, 1.8, 0.4, 1_000m, 20m);

    private static SweepPointResult Result(int index, double? sharpe, double drawdown = 0.2) =>
        new(new SweepPoint(index, [index.ToString(System.Globalization.CultureInfo.InvariantCulture)]),
            sharpe is { } s ? Metrics(s, drawdown) : null, null, sharpe is null ? "rejected" : null);
}
