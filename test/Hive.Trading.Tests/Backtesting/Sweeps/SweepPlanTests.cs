using Hive.Trading.Backtesting.Sweeps;

namespace Hive.Trading.Tests.Backtesting.Sweeps;

public sealed class SweepPlanTests
{
    private static readonly SweepParameter Fast = SweepParameter.Parse("fast=5..50:5");
    private static readonly SweepParameter Slow = SweepParameter.Parse("slow=20..200:20");

    [Fact]
    public void Create_TwoParameters_GivesTheWholeGridWithTheLastParameterFastest()
    {
        var sut = SweepPlan.Create([Fast, Slow]);

        Assert.Equal(100, sut.GridSize);
        Assert.Equal(100, sut.Points.Count);
        Assert.False(sut.Sampled);
        Assert.Equal(["5", "20"], sut.Points[0].Values);
        Assert.Equal(["5", "40"], sut.Points[1].Values);
        Assert.Equal(["10", "20"], sut.Points[10].Values);
        Assert.Equal(["50", "200"], sut.Points[99].Values);
        Assert.Equal(Enumerable.Range(0, 100), sut.Points.Select(static p => p.Index));
        Assert.Equal(100, sut.Points.Select(static p => string.Join(',', p.Values)).Distinct().Count());
    }

    [Fact]
    public void Create_Samples_GivesThatManyDistinctGridPointsTheSameForTheSameSeed()
    {
        var sut = SweepPlan.Create([Fast, Slow], samples: 30, seed: 7);
        var again = SweepPlan.Create([Fast, Slow], samples: 30, seed: 7);
        var other = SweepPlan.Create([Fast, Slow], samples: 30, seed: 8);

        Assert.True(sut.Sampled);
        Assert.Equal(30, sut.Points.Count);
        var keys = sut.Points.Select(static p => string.Join(',', p.Values)).ToList();
        Assert.Equal(30, keys.Distinct().Count());
        Assert.All(sut.Points, p => Assert.True(Fast.Values.Contains(p.Values[0]) && Slow.Values.Contains(p.Values[1])));
        Assert.Equal(keys, again.Points.Select(static p => string.Join(',', p.Values)));
        Assert.NotEqual(keys, other.Points.Select(static p => string.Join(',', p.Values)));
    }

    [Fact]
    public void Create_SamplesOfAHugeGrid_DrawsWithoutBuildingIt()
    {
        var wide = SweepParameter.Parse("a=1..100000");

        var sut = SweepPlan.Create([wide, SweepParameter.Parse("b=1..100000"), SweepParameter.Parse("c=1..100000")], samples: 50, seed: 3);

        Assert.Equal(1_000_000_000_000_000, sut.GridSize);
        Assert.Equal(50, sut.Points.Count);
    }

    [Fact]
    public void Create_MoreSamplesThanPoints_RunsTheWholeGrid()
    {
        var sut = SweepPlan.Create([Fast], samples: 500);

        Assert.False(sut.Sampled);
        Assert.Equal(10, sut.Points.Count);
    }

    [Fact]
    public void Create_GridAboveTheLimitWithoutSamples_FailsSuggestingSamples()
    {
        var error = Assert.Throws<FormatException>(() => SweepPlan.Create([SweepParameter.Parse("a=1..1000"), SweepParameter.Parse("b=1..1000")]));

        Assert.Contains("1000 a x 1000 b has 1,000,000 points", error.Message, StringComparison.Ordinal);
        Assert.Contains("--samples", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ParameterSweptTwice_FailsNamingIt()
    {
        var error = Assert.Throws<FormatException>(() => SweepPlan.Create([Fast, SweepParameter.Parse("FAST=1,2")]));

        Assert.Contains("'FAST' is swept twice", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Create_SamplesBelowOne_Fails(int samples)
    {
        var error = Assert.Throws<FormatException>(() => SweepPlan.Create([Fast], samples));

        Assert.Contains("--samples must be from 1", error.Message, StringComparison.Ordinal);
    }
}
