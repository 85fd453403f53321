using Orleans;
namespace Hive.Grains.Backtests;

/// <summary>A finished backtest.</summary>
/// <param name="ReportJson">The report as <c>BacktestReportWriter.ToJson</c> writes it (the content of <c>report.json</c>).</param>
/// <param name="Silo">The data silo that ran it.</param>
/// <param name="Bars">Bars replayed.</param>
/// <param name="StoppedRunners">Runners stopped by a strategy error, with the reason (<c>id: reason</c>).</param>
[GenerateSerializer]
[Alias("hive.backtest-result")]
public sealed record BacktestResult(string ReportJson, string Silo, long Bars, IReadOnlyList<string> StoppedRunners);
