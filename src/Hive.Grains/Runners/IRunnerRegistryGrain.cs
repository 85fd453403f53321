using Hive.Runtime;

namespace Hive.Grains.Runners;

/// <summary>
/// The runner-based engine of ADR 005 (key = <see cref="DefaultKey"/>): adds, removes, pauses, resumes and restarts
/// runners by ID, answers which runners trade a symbol, and checks their health. Errors a caller can fix (a duplicate
/// or unknown runner ID, a bad definition) throw <see cref="RunnerRegistryException"/> with a message that names the
/// runner and the problem.
/// </summary>
public interface IRunnerRegistryGrain : IGrainWithStringKey
{
    /// <summary>The registry's grain key.</summary>
    const string DefaultKey = "default";

    /// <summary>Adds and starts a runner; a duplicate runner ID is rejected.</summary>
    Task<RunnerStatus> AddRunnerAsync(RunnerDefinition definition);

    /// <summary>Stops and removes a runner; the other runners keep running.</summary>
    Task RemoveRunnerAsync(string runnerId);

    /// <summary>Pauses a runner.</summary>
    Task PauseRunnerAsync(string runnerId);

    /// <summary>Resumes a runner.</summary>
    Task ResumeRunnerAsync(string runnerId);

    /// <summary>Restarts a runner's strategy keeping its position.</summary>
    Task RestartRunnerAsync(string runnerId);

    /// <summary>The definitions of all runners.</summary>
    Task<IReadOnlyList<RunnerDefinition>> GetDefinitionsAsync();

    /// <summary>The IDs of the runners trading <paramref name="symbol"/>.</summary>
    Task<IReadOnlyList<string>> RunnersForSymbolAsync(string symbol);

    /// <summary>How many runners trade <paramref name="symbol"/>.</summary>
    Task<int> RunnerCountForSymbolAsync(string symbol);

    /// <summary>One runner's status (with health and uptime).</summary>
    Task<RunnerStatus> GetRunnerAsync(string runnerId);

    /// <summary>Every runner's status.</summary>
    Task<IReadOnlyList<RunnerStatus>> HealthCheckAsync();

    /// <summary>The runners whose health is <see cref="RunnerHealth.Unhealthy"/> or <see cref="RunnerHealth.Degraded"/>.</summary>
    Task<IReadOnlyList<RunnerStatus>> UnhealthyRunnersAsync();
}
