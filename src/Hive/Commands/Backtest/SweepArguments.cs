namespace Hive.Commands.Backtest;

/// <summary>The sweep options of one <c>hive backtest</c> invocation, as given.</summary>
internal sealed record SweepArguments(IReadOnlyList<string> Sweeps, string Objective, int? Samples, int Seed, string? TrainUntil, int Top);
