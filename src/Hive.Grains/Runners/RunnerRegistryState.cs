namespace Hive.Grains.Runners;

/// <summary>The registry's persisted list of runner definitions, in the order they were added.</summary>
internal sealed class RunnerRegistryState
{
    public List<RunnerDefinition> Runners { get; set; } = [];
}
