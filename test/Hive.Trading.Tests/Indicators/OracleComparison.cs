namespace Hive.Trading.Tests.Indicators;

/// <summary>Counts the cells compared and collects every mismatch, so a failing oracle names all its bad rows.</summary>
internal sealed class OracleComparison(string source)
{
    private readonly List<string> _mismatches = [];

    public int Compared { get; private set; }

    /// <summary>
    /// Compares when the reference cell is non-empty and our indicator is ready. The tolerance widens by the cell's
    /// printed rounding: a value printed as 13657.04 only promises ±0.005.
    /// </summary>
    public void Check(string what, int row, FixtureCell? expected, double actual, bool ready, double tolerance)
    {
        if (expected is null || !ready)
        {
            return;
        }

        Check(what, row, expected.Value.Value, actual, tolerance + expected.Value.Rounding);
    }

    /// <summary>Compares two numbers within <paramref name="tolerance"/>.</summary>
    public void Check(string what, int row, double expected, double actual, double tolerance)
    {
        Compared++;
        if (double.IsNaN(actual) || Math.Abs(expected - actual) > tolerance)
        {
            _mismatches.Add($"{source} {what} row {row}: expected {expected}, got {actual} (tolerance {tolerance})");
        }
    }

    public void AssertAll(int minimumCompared)
    {
        Assert.True(_mismatches.Count == 0, $"{_mismatches.Count} mismatches:\n" + string.Join('\n', _mismatches.Take(20)));
        Assert.True(Compared >= minimumCompared, $"{source}: only {Compared} cells compared, expected at least {minimumCompared}");
    }
}
