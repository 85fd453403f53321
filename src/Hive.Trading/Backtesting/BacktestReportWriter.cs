namespace Hive.Trading.Backtesting;

/// <summary>Writes a <see cref="BacktestReport"/> as <c>report.json</c> and a self-contained <c>report.html</c>.</summary>
public static class BacktestReportWriter
{
    /// <summary>Writes <c>report.json</c> and <c>report.html</c> into <paramref name="directory"/>, creating it if needed.</summary>
    public static void Write(BacktestReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        throw new NotImplementedException("being written on main by the lead");
    }
}
