namespace Hive.Dashboard.Views;

/// <summary>The body of <c>POST /api/backtests</c>: generated data (<c>SYMBOL:BARS:SEED</c>, one a line) or data paths, and runner specs (one a line).</summary>
internal sealed record BacktestForm(string? Generate, string? Data, string? Runner, string? InitialEquity);
