using Hive.Grains.Hosting;
using Hive.Grains.Placement;
using Hive.Grains.Storage;
using Hive.Trading.Runners;
using Hive.Trading.Strategies;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.Placement;
using Orleans.Storage;

namespace Hive.Grains.Runners;

/// <summary>
/// The runner-based engine of ADR 005 (key <see cref="IRunnerRegistryGrain.DefaultKey"/>), on any silo. It keeps the
/// definitions, validates new ones, rejects duplicate IDs, and delegates the lifecycle to the runner grains. Calls to a
/// runner carry its symbol for placement (<see cref="PlacementAffinity"/>), so a runner (re)activated by the registry
/// lands next to its symbol's feed.
/// </summary>
[PreferLocalPlacement]
internal sealed class RunnerRegistryGrain(
    [PersistentState("registry", HivePlatform.StorageName)] IPersistentState<RunnerRegistryState> state,
    ILocalSiloDetails silo,
    ILogger<RunnerRegistryGrain> logger) : Grain, IRunnerRegistryGrain
{
    public async Task<RunnerStatus> AddRunnerAsync(RunnerDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (Find(definition.RunnerId) is { } existing)
        {
            throw new RunnerRegistryException($"runner '{existing.RunnerId}' already exists ({existing.Symbol}, {existing.Strategy})", RunnerRegistryError.AlreadyExists);
        }

        try
        {
            RunnerDefinitions.Validate(definition, StrategyCatalog.Default);
        }
        catch (ArgumentException ex)
        {
            throw new RunnerRegistryException(ex.Message, RunnerRegistryError.InvalidDefinition);
        }

        RunnerStatus status;
        try
        {
            using var affinity = PlacementAffinity.ForSymbol(definition.Symbol);
            status = await GrainFactory.GetGrain<IRunnerGrain>(definition.RunnerId).StartAsync(definition);
        }
        catch (Exception ex) when (ex is not RunnerRegistryException)
        {
            throw new RunnerRegistryException($"runner '{definition.RunnerId}' could not start: {Describe(ex)}", Classify(ex));
        }

        state.State.Runners.Add(definition);
        await state.WriteStateAsync();
        logger.LogInformation("Registry on {Silo}: added runner {RunnerId} ({Symbol}, {Strategy})", silo.Name, definition.RunnerId, definition.Symbol, definition.Strategy);
        return status;
    }

    public async Task RemoveRunnerAsync(string runnerId)
    {
        var definition = Require(runnerId);
        await CallAsync(definition, static r => r.RemoveAsync(), "remove");
        state.State.Runners.Remove(definition);
        await state.WriteStateAsync();
        logger.LogInformation("Registry: removed runner {RunnerId}", runnerId);
    }

    public Task PauseRunnerAsync(string runnerId) => CallAsync(Require(runnerId), static r => r.PauseAsync(), "pause");

    public Task ResumeRunnerAsync(string runnerId) => CallAsync(Require(runnerId), static r => r.ResumeAsync(), "resume");

    public Task RestartRunnerAsync(string runnerId) => CallAsync(Require(runnerId), static r => r.RestartAsync(), "restart");

    public Task ReloadRunnerAsync(string runnerId) => CallAsync(Require(runnerId), static r => r.ReloadAsync(), "reload");

    public Task<IReadOnlyList<RunnerDefinition>> GetDefinitionsAsync() =>
        Task.FromResult<IReadOnlyList<RunnerDefinition>>(state.State.Runners.ToArray());

    public Task<IReadOnlyList<string>> RunnersForSymbolAsync(string symbol) =>
        Task.FromResult<IReadOnlyList<string>>(state.State.Runners.Where(r => string.Equals(r.Symbol, symbol, StringComparison.OrdinalIgnoreCase)).Select(r => r.RunnerId).ToArray());

    public Task<int> RunnerCountForSymbolAsync(string symbol) =>
        Task.FromResult(state.State.Runners.Count(r => string.Equals(r.Symbol, symbol, StringComparison.OrdinalIgnoreCase)));

    public async Task<RunnerStatus> GetRunnerAsync(string runnerId)
    {
        var definition = Require(runnerId);
        try
        {
            using var affinity = PlacementAffinity.ForSymbol(definition.Symbol);
            return await GrainFactory.GetGrain<IRunnerGrain>(runnerId).GetStatusAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // An activation that cannot start (a corrupt state file, no live silo) is reported with its cause.
            throw new RunnerRegistryException($"runner '{runnerId}' could not be activated: {Describe(ex)}", Classify(ex));
        }
    }

    public async Task<IReadOnlyList<RunnerStatus>> HealthCheckAsync()
    {
        var definitions = state.State.Runners.ToList();
        var statuses = await Task.WhenAll(definitions.Select(StatusOrUnreachableAsync));
        return statuses;
    }

    public async Task<IReadOnlyList<RunnerStatus>> UnhealthyRunnersAsync()
    {
        var all = await HealthCheckAsync();
        return all.Where(s => s.Health is RunnerHealth.Unhealthy or RunnerHealth.Degraded).ToArray();
    }

    private async Task<RunnerStatus> StatusOrUnreachableAsync(RunnerDefinition definition)
    {
        try
        {
            using var affinity = PlacementAffinity.ForSymbol(definition.Symbol);
            return await GrainFactory.GetGrain<IRunnerGrain>(definition.RunnerId).GetStatusAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var reason = $"unreachable: {Describe(ex)}";
            return new RunnerStatus(definition.RunnerId, definition.Symbol, definition.Strategy, RunnerState.Stopped, RunnerHealth.Unhealthy,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, default, string.Empty, default, reason, reason);
        }
    }

    private async Task CallAsync(RunnerDefinition definition, Func<IRunnerGrain, Task> call, string action)
    {
        try
        {
            using var affinity = PlacementAffinity.ForSymbol(definition.Symbol);
            await call(GrainFactory.GetGrain<IRunnerGrain>(definition.RunnerId));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new RunnerRegistryException($"runner '{definition.RunnerId}' could not {action}: {Describe(ex)}", Classify(ex));
        }
    }

    private RunnerDefinition? Find(string runnerId) =>
        state.State.Runners.FirstOrDefault(r => string.Equals(r.RunnerId, runnerId, StringComparison.Ordinal));

    private RunnerDefinition Require(string runnerId) =>
        Find(runnerId) ?? throw new RunnerRegistryException(
            $"runner '{runnerId}' does not exist; known: {(state.State.Runners.Count == 0 ? "none" : string.Join(", ", state.State.Runners.Select(r => r.RunnerId)))}",
            RunnerRegistryError.NotFound);

    // A runner that cannot be placed or reached is unavailable; one that refuses the request (a script that does not
    // load, a start that fails) is in the wrong state for it.
    private static RunnerRegistryError Classify(Exception ex)
    {
        for (var current = ex; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case RunnerRegistryException registry:
                    return registry.Error;
                case PlacementRequirementException or TimeoutException or OrleansException:
                    return RunnerRegistryError.Unavailable;
            }
        }

        return RunnerRegistryError.FailedPrecondition;
    }

    // The message that names the problem: Hive's own exceptions say it themselves; otherwise the innermost cause.
    private static string Describe(Exception ex)
    {
        for (var current = ex; current is not null; current = current.InnerException)
        {
            if (current is PlacementRequirementException or GrainStateCorruptException or RunnerRegistryException)
            {
                return current.Message;
            }
        }

        return ex.GetBaseException().Message;
    }
}
