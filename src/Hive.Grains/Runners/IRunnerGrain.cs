using Orleans;
using Orleans.Concurrency;
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

    /// <summary>
    /// Rebuilds the strategy (a Lua script is read again) keeping context, position and state: a stopped runner stays
    /// stopped, a paused one paused. A script that does not load leaves the old strategy running and fails naming why.
    /// </summary>
    [Alias("ReloadAsync")]
    Task ReloadAsync();

    /// <summary>
    /// The events after <paramref name="afterSequence"/> of this activation's log (<paramref name="activation"/> names
    /// the log the sequence belongs to; another one, or empty, starts from the log's oldest kept event). Waits up to
    /// <paramref name="wait"/> for the first one; interleaves with the runner's other calls, so a watcher never delays
    /// the market data. Watching starts the log: events before the first watch are not kept.
    /// </summary>
    [AlwaysInterleave]
    [Alias("WatchAsync")]
    Task<RunnerEventBatch> WatchAsync(string activation, long afterSequence, TimeSpan wait);

    /// <summary>
    /// The recent candles, equity points and markers of this activation for a live chart: candles and equity after
    /// <paramref name="afterTime"/> (Unix epoch milliseconds; 0 for all kept) and markers after sequence
    /// <paramref name="afterMarker"/> (when <paramref name="activation"/> names this activation; otherwise all kept).
    /// Bounded: at most 500 candles and 200 markers are kept. Interleaves, so a chart never delays the market data.
    /// </summary>
    [AlwaysInterleave]
    [Alias("GetChartAsync")]
    Task<RunnerChart> GetChartAsync(string activation, long afterTime, long afterMarker);

    /// <summary>Unsubscribes, clears the persisted state and deactivates.</summary>
    [Alias("RemoveAsync")]
    Task RemoveAsync();
}
