namespace Hive.Grains.Runners;

/// <summary>What a runner grain persists: its definition, its trading state, the operator's pause and its order counts.</summary>
internal sealed class RunnerGrainState
{
    public RunnerDefinition? Definition { get; set; }

    public PersistedRunnerSnapshot? Snapshot { get; set; }

    public bool Paused { get; set; }

    public int OrdersFilled { get; set; }

    public int OrdersDenied { get; set; }

    public int OrdersFenced { get; set; }
}
