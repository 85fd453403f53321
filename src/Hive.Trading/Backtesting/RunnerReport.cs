using System.Text.Json.Serialization;
using Hive.Trading.Metrics;
using Hive.Trading.Portfolio;

namespace Hive.Trading.Backtesting;

/// <summary>The result of one runner in a backtest.</summary>
/// <param name="RunnerId">The runner's ID.</param>
/// <param name="Symbol">The symbol it traded.</param>
/// <param name="Strategy">Strategy name (compiled name or Lua script path).</param>
/// <param name="Parameters">Strategy parameters as configured.</param>
/// <param name="Trades">Closed trades in exit order.</param>
/// <param name="Equity">The runner's marked-to-market equity curve at the report's resolution (see <see cref="BacktestReport.EquityResolution"/>); the metrics recompute exactly from it.</param>
/// <param name="Metrics">Metrics computed from <paramref name="Trades"/> and <paramref name="Equity"/>.</param>
/// <param name="Signals">Strategy decisions worth marking on a chart (opportunities, entries, exits, stop changes).</param>
/// <param name="RiskDenials">Orders denied by pre-trade risk.</param>
/// <param name="Errors">Strategy errors recorded (development policy) or the one that stopped the runner (production policy).</param>
/// <param name="StoppedReason">Why the runner stopped before the end of the data, or <c>null</c> when it ran to the end.</param>
public sealed record RunnerReport(
    string RunnerId,
    string Symbol,
    string Strategy,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyList<ClosedTrade> Trades,
    IReadOnlyList<EquityPoint> Equity,
    PerformanceMetrics Metrics,
    IReadOnlyList<SignalMark> Signals,
    int RiskDenials,
    IReadOnlyList<string> Errors,
    string? StoppedReason)
{
    /// <summary>The bar-by-bar equity curve when <see cref="BacktestOptions.FullEquity"/> asked for it (written to its own file, not to <c>report.json</c>).</summary>
    [JsonIgnore]
    public IReadOnlyList<EquityPoint>? FullEquity { get; init; }
}
