using Orleans;

namespace Hive.Grains.Runners;

/// <summary>The answer to <see cref="IRunnerGrain.WatchAsync"/>.</summary>
/// <param name="Events">Events after the requested sequence, oldest first (empty when none came within the wait).</param>
/// <param name="Removed">Whether the runner no longer exists: the watch ends.</param>
/// <param name="Activation">Identifies the activation whose log the sequences belong to; a new one starts again at 1.</param>
[GenerateSerializer]
[Alias("hive.runner-event-batch")]
public sealed record RunnerEventBatch(IReadOnlyList<RunnerEvent> Events, bool Removed, string Activation);
