using Hive.Trading.Backtesting.Sweeps;

namespace Hive.Trading.Tests.Backtesting.Sweeps;

public sealed class SweepParameterTests
{
    [Fact]
    public void Parse_RangeWithStep_GivesEveryValueFromStartToEndIncluded()
    {
        var sut = SweepParameter.Parse("fast=5..50:5");

        Assert.Equal("fast", sut.Name);
        Assert.Equal(["5", "10", "15", "20", "25", "30", "35", "40", "45", "50"], sut.Values);
    }

    [Fact]
    public void Parse_RangeWhoseStepOvershootsTheEnd_StopsBeforeIt()
    {
        var sut = SweepParameter.Parse("slow=20..65:20");

        Assert.Equal(["20", "40", "60"], sut.Values);
    }

    [Fact]
    public void Parse_DecimalRange_GivesExactValuesWithoutTrailingZeros()
    {
        var sut = SweepParameter.Parse("stop=0.010..0.05:0.01");

        Assert.Equal(["0.01", "0.02", "0.03", "0.04", "0.05"], sut.Values);
    }

    [Fact]
    public void Parse_RangeWithoutStep_StepsByOne()
    {
        Assert.Equal(["3", "4", "5"], SweepParameter.Parse("hold=3..5").Values);
    }

    [Fact]
    public void Parse_List_KeepsTheValuesInOrderAndNormalisesNumbers()
    {
        var sut = SweepParameter.Parse("fast = 13, 5.0 ,8");

        Assert.Equal("fast", sut.Name);
        Assert.Equal(["13", "5", "8"], sut.Values);
    }

    [Fact]
    public void Parse_ListOfWords_KeepsThem()
    {
        Assert.Equal(["true", "false"], SweepParameter.Parse("short=true,false").Values);
    }

    [Theory]
    [InlineData("fast", "expected NAME=FROM..TO")]
    [InlineData("=5..10", "expected NAME=FROM..TO")]
    [InlineData("fast=", "no values for 'fast'")]
    [InlineData("fast=50..5:5", "the range of 'fast' runs backwards (50 > 5)")]
    [InlineData("fast=5..50:0", "the step of 'fast' must be positive, got 0")]
    [InlineData("fast=5..50:-5", "the step of 'fast' must be positive")]
    [InlineData("fast=a..50:5", "the start of 'fast' must be a number, got 'a'")]
    [InlineData("fast=5..x:5", "the end of 'fast' must be a number, got 'x'")]
    [InlineData("fast=5..50:y", "the step of 'fast' must be a number, got 'y'")]
    [InlineData("fast=1..1000000", "'fast' would take 1000000 values")]
    [InlineData("fast=5,,8", "an empty value in the list of 'fast'")]
    [InlineData("fast=5,8,5.0", "'fast' lists 5.0 twice")]
    public void Parse_BadSpec_FailsNamingSpecAndProblem(string spec, string expected)
    {
        var error = Assert.Throws<FormatException>(() => SweepParameter.Parse(spec));

        Assert.Contains($"--sweep '{spec}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
