using Hive.Grains.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace Hive.Grains.Feeds;

/// <summary>
/// The cluster's feed watchdog (see <see cref="IFeedWatchdogGrain"/>). Any silo may host it: a check from any silo
/// activates it again after its own silo died, with the watched symbols read from storage.
/// </summary>
internal sealed class FeedWatchdogGrain(
    [PersistentState("feed-watchdog", HivePlatform.StorageName)] IPersistentState<FeedWatchdogState> state,
    ILogger<FeedWatchdogGrain> logger) : Grain, IFeedWatchdogGrain
{
    public async Task WatchAsync(string symbol)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        if (state.State.Symbols.Add(symbol))
        {
            await state.WriteStateAsync();
        }
    }

    public async Task UnwatchAsync(string symbol)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        if (state.State.Symbols.Remove(symbol))
        {
            await state.WriteStateAsync();
        }
    }

    public async Task<IReadOnlyList<string>> CheckAsync()
    {
        var problems = new List<string>();
        foreach (var symbol in state.State.Symbols.ToArray())
        {
            try
            {
                // The call itself is the repair: a feed whose activation died is activated on a live silo and resumes.
                var status = await GrainFactory.GetGrain<IMarketFeedGrain>(symbol).GetStatusAsync();
                if (!status.Running)
                {
                    problems.Add($"{symbol}: not running{(status.Error is null ? string.Empty : ": " + status.Error)}");
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                problems.Add($"{symbol}: {ex.Message}");
                logger.LogWarning("Feed watchdog: the feed of {Symbol} could not be reached: {Error}", symbol, ex.Message);
            }
        }

        return problems;
    }

    public Task<IReadOnlyList<string>> GetWatchedAsync() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Symbols]);
}
