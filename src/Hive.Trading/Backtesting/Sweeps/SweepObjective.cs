using Hive.Trading.Metrics;

namespace Hive.Trading.Backtesting.Sweeps;

/// <summary>
/// What a sweep ranks its points by: one of the <see cref="PerformanceMetrics"/> Hive computes, and whether higher or
/// lower is better (lower only for <c>max_drawdown</c>).
/// </summary>
public sealed class SweepObjective
{
    private static readonly SweepObjective[] All =
    [
        new("sharpe", "Sharpe ratio of daily returns", static m => m.Sharpe),
        new("sortino", "Sortino ratio of daily returns", static m => m.Sortino),
        new("return", "total return", static m => m.TotalReturn),
        new("cagr", "compound annual growth rate", static m => m.Cagr),
        new("profit_factor", "gross profit over gross loss", static m => m.ProfitFactor),
        new("max_drawdown", "largest peak-to-trough fall (lower is better)", static m => m.MaxDrawdown, lowerIsBetter: true),
        new("win_rate", "winning trades over all trades", static m => m.WinRate),
        new("net_profit", "sum of the trades' P&L after fees", static m => (double)m.NetProfit),
        new("final_equity", "equity at the end", static m => (double)m.FinalEquity),
        new("trades", "closed trades", static m => m.TradeCount),
    ];

    private readonly Func<PerformanceMetrics, double> _value;

    private SweepObjective(string name, string description, Func<PerformanceMetrics, double> value, bool lowerIsBetter = false)
    {
        Name = name;
        Description = description;
        _value = value;
        LowerIsBetter = lowerIsBetter;
    }

    /// <summary>The objective's name on the command line (<c>sharpe</c>).</summary>
    public string Name { get; }

    /// <summary>What it measures.</summary>
    public string Description { get; }

    /// <summary>Whether a smaller value ranks first.</summary>
    public bool LowerIsBetter { get; }

    /// <summary>The names of every objective, comma-separated, for help texts and errors.</summary>
    public static string Known => string.Join(", ", All.Select(static o => o.Name));

    /// <summary>
    /// The objective named <paramref name="name"/> (case-insensitive; <c>-</c> and <c>_</c> alike, <c>total_return</c>
    /// for <c>return</c>). Throws <see cref="FormatException"/> naming an unknown objective and listing the known ones.
    /// </summary>
    public static SweepObjective Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = name.Trim().Replace('-', '_').ToLowerInvariant();
        if (key == "total_return")
        {
            key = "return";
        }

        return All.FirstOrDefault(o => o.Name == key)
            ?? throw new FormatException($"--objective '{name}': unknown objective; known: {Known}");
    }

    /// <summary>The objective's value for <paramref name="metrics"/>.</summary>
    public double ValueOf(PerformanceMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return _value(metrics);
    }

    /// <summary>
    /// Orders two values best first: a negative result when <paramref name="a"/> is better. NaN ranks after every
    /// number.
    /// </summary>
    public int Compare(double a, double b)
    {
        if (double.IsNaN(a) || double.IsNaN(b))
        {
            return double.IsNaN(a).CompareTo(double.IsNaN(b));
        }

        return LowerIsBetter ? a.CompareTo(b) : b.CompareTo(a);
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
