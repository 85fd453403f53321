using Orleans;
using Orleans.Runtime;

namespace Hive.Grains.Runners;

/// <summary>
/// The runner-based engine of ADR 005 (key = <see cref="DefaultKey"/>): adds, removes, pauses, resumes and restarts
/// runners by ID, answers which runners trade a symbol, and checks their health. Errors a caller can fix (a duplicate
/// or unknown runner ID, a bad definition) throw <see cref="RunnerRegistryException"/> with a message that names the
/// runner and the problem.
/// </summary>
[Alias("hive.runner-registry")]
public interface IRunnerRegistryGrain : IGrainWithStringKey
{
    /// <summary>The registry's grain key.</summary>
    const string DefaultKey = "default";

    /// <summary>Adds and starts a runner; a duplicate runner ID is rejected.</summary>
    [Alias("AddRunnerAsync")]
    Task<RunnerStatus> AddRunnerAsync(RunnerDefinition definition);

    /// <summary>Stops and removes a runner; the other runners keep running.</summary>
    [Alias("RemoveRunnerAsync")]
    Task RemoveRunnerAsync(string runnerId);

    /// <summary>Pauses a runner.</summary>
    [Alias("PauseRunnerAsync")]
    Task PauseRunnerAsync(string runnerId);

    /// <summary>Resumes a runner.</summary>
    [Alias("ResumeRunnerAsync")]
    Task ResumeRunnerAsync(string runnerId);

    /// <summary>Restarts a runner's strategy keeping its position.</summary>
    [Alias("RestartRunnerAsync")]
    Task RestartRunnerAsync(string runnerId);

    /// <summary>Reloads a runner's strategy (a Lua script is read again) keeping its position and context; its state does not change.</summary>
    [Alias("ReloadRunnerAsync")]
    Task ReloadRunnerAsync(string runnerId);

    /// <summary>The definitions of all runners.</summary>
    [Alias("GetDefinitionsAsync")]
    Task<IReadOnlyList<RunnerDefinition>> GetDefinitionsAsync();

    /// <summary>The IDs of the runners trading <paramref name="symbol"/>.</summary>
    [Alias("RunnersForSymbolAsync")]
    Task<IReadOnlyList<string>> RunnersForSymbolAsync(string symbol);

    /// <summary>How many runners trade <paramref name="symbol"/>.</summary>
    [Alias("RunnerCountForSymbolAsync")]
    Task<int> RunnerCountForSymbolAsync(string symbol);

    /// <summary>One runner's status (with health and uptime).</summary>
    [Alias("GetRunnerAsync")]
    Task<RunnerStatus> GetRunnerAsync(string runnerId);

    /// <summary>Every runner's status.</summary>
    [Alias("HealthCheckAsync")]
    Task<IReadOnlyList<RunnerStatus>> HealthCheckAsync();

    /// <summary>The runners whose health is <see cref="RunnerHealth.Unhealthy"/> or <see cref="RunnerHealth.Degraded"/>.</summary>
    [Alias("UnhealthyRunnersAsync")]
    Task<IReadOnlyList<RunnerStatus>> UnhealthyRunnersAsync();
}
