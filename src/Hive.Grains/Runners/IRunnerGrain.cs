using Orleans;
using Orleans.Runtime;

namespace Hive.Grains.Runners;

/// <summary>
/// One runner (key = runner ID): wraps a <see cref="Hive.Trading.Runners.RunnerCore"/>, subscribes to
/// <c>market/SYMBOL</c>, sends orders through its account's gateway under its DeploymentID, and persists its
/// definition, context, position and P&amp;L so that a reactivated runner resumes. Placed only on <c>live</c> silos.
/// Operators normally go through <see cref="IRunnerRegistryGrain"/>.
/// </summary>
[Alias("hive.runner")]
public interface IRunnerGrain : IGrainWithStringKey
{
    /// <summary>Configures and starts the runner; starting again with the same definition is a no-op.</summary>
    [Alias("StartAsync")]
    Task<RunnerStatus> StartAsync(RunnerDefinition definition);

    /// <summary>The runner's current status.</summary>
    [Alias("GetStatusAsync")]
    Task<RunnerStatus> GetStatusAsync();

    /// <summary>Stops trading (market data is still marked); the position stays open.</summary>
    [Alias("PauseAsync")]
    Task PauseAsync();

    /// <summary>Resumes a paused or error-stopped runner.</summary>
    [Alias("ResumeAsync")]
    Task ResumeAsync();

    /// <summary>Rebuilds the strategy (reloading a Lua script) keeping context and position.</summary>
    [Alias("RestartAsync")]
    Task RestartAsync();

    /// <summary>Unsubscribes, clears the persisted state and deactivates.</summary>
    [Alias("RemoveAsync")]
    Task RemoveAsync();
}
