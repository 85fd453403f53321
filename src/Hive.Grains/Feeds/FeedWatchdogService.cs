using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;

namespace Hive.Grains.Feeds;

/// <summary>
/// Asks the cluster's <see cref="IFeedWatchdogGrain"/> for a check every period, from every silo: as long as one silo
/// lives, dead feeds are brought back. A check that fails (the silo is starting or stopping, the watchdog's silo was
/// just lost) is tried again at the next period.
/// </summary>
internal sealed class FeedWatchdogService(IGrainFactory grains, TimeProvider time, FeedWatchdogPeriod period, ILogger<FeedWatchdogService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (period.Value <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(period.Value, time, stoppingToken).ConfigureAwait(false);
                try
                {
                    await grains.GetGrain<IFeedWatchdogGrain>(IFeedWatchdogGrain.DefaultKey).CheckAsync().WaitAsync(period.Value * 5, time, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogDebug("Feed watchdog check failed: {Error}", ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The silo stops.
        }
    }
}
