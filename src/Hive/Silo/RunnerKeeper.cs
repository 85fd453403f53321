using Hive.Grains.Runners;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;

namespace Hive.Silo;

/// <summary>
/// Keeps every registered runner activated (control silos). Runners are activated by their market events, but the
/// events of a symbol come from a feed that may have died with the same silo as its runners; nothing would then call
/// either again. Each period the keeper asks the registry for every runner's status, which activates a runner lost
/// with its silo on another live silo, and the runner's activation wakes its feed. The period bounds how long a failover
/// waits after the failure detection declared the silo dead.
/// </summary>
internal sealed class RunnerKeeper(IGrainFactory grains, TimeProvider time, ILogger<RunnerKeeper> logger) : BackgroundService
{
    /// <summary>How often every runner is touched.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var registry = grains.GetGrain<IRunnerRegistryGrain>(IRunnerRegistryGrain.DefaultKey);
        string? lastProblem = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Period, time, stoppingToken).ConfigureAwait(false);
                await registry.HealthCheckAsync().WaitAsync(TimeSpan.FromSeconds(10), stoppingToken).ConfigureAwait(false);
                lastProblem = null;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The silo may not be active yet, or the registry's silo just died: the next round tries again.
                if (lastProblem != ex.Message)
                {
                    lastProblem = ex.Message;
                    logger.LogInformation("Runner keeper: the registry did not answer ({Error}); trying again", ex.Message);
                }
            }
        }
    }
}
