using System.Text.Json.Serialization;
using Hive.Trading.Market;
using Hive.Trading.Metrics;
using Hive.Trading.Portfolio;

namespace Hive.Trading.Backtesting;

/// <summary>The result of a backtest: one report per runner and the portfolio total.</summary>
/// <param name="StartTime">First bar's open time, Unix epoch milliseconds (UTC).</param>
/// <param name="EndTime">Last bar's close time, Unix epoch milliseconds (UTC).</param>
/// <param name="Bars">Bars replayed across all symbols.</param>
/// <param name="InitialEquityPerRunner">Starting equity of each runner.</param>
/// <param name="Runners">Per-runner results.</param>
/// <param name="Total">Metrics of the sum of all runners (equity curves added, trades pooled).</param>
/// <param name="TotalEquity">The summed equity curve at the report's resolution.</param>
/// <param name="Prices">Per symbol, the candles replayed (the HTML report downsamples them for its chart; JSON omits them).</param>
public sealed record BacktestReport(
    long StartTime,
    long EndTime,
    long Bars,
    decimal InitialEquityPerRunner,
    IReadOnlyList<RunnerReport> Runners,
    PerformanceMetrics Total,
    IReadOnlyList<EquityPoint> TotalEquity,
    [property: JsonIgnore] IReadOnlyDictionary<string, IReadOnlyList<Candle>> Prices)
{
    /// <summary>
    /// Milliseconds per kept equity point: each curve holds its first and last point, the last point of every such
    /// bucket (so every day's close) and the peak and trough of its largest drawdown, which keeps the metrics exact.
    /// </summary>
    public long EquityResolution { get; init; }

    /// <summary>The columns of each trade row in <c>report.json</c>, in order.</summary>
    public IReadOnlyList<string> TradeColumns => TradeRowsJsonConverter.Columns;

    /// <summary>The bar-by-bar total equity curve when <see cref="BacktestOptions.FullEquity"/> asked for it.</summary>
    [JsonIgnore]
    public IReadOnlyList<EquityPoint>? FullTotalEquity { get; init; }
}
