using Hive.Grains.Runners;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace Hive.Silo;

/// <summary>
/// Keeps every registered runner activated (control silos). Runners are activated by their market events, but the
/// events of a symbol come from a feed that may have died with the same silo as its runners; nothing would then call
/// either again. Each period, and at once when the membership declares a silo dead, the keeper asks the registry for
/// every runner's status, which activates a runner lost with its silo on another live silo, and the runner's activation
/// wakes its feed. Reacting to the verdict rather than waiting for the next period takes up to a period off every
/// failover; the period remains for what the membership does not show (a runner that failed to start).
/// </summary>
internal sealed class RunnerKeeper(IGrainFactory grains, IClusterMembershipService membership, TimeProvider time, ILogger<RunnerKeeper> logger) : BackgroundService
{
    /// <summary>How often every runner is touched.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(500);

    // Completed (and replaced) when the membership shows a silo dead that it did not show dead before.
    private TaskCompletionSource _siloDied = NewSignal();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var registry = grains.GetGrain<IRunnerRegistryGrain>(IRunnerRegistryGrain.DefaultKey);
        var watch = WatchMembershipAsync(stoppingToken);
        string? lastProblem = null;
        var died = Volatile.Read(ref _siloDied).Task;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await NextRoundAsync(died, stoppingToken).ConfigureAwait(false);
                // Taken before the round: a death declared while the round runs starts the next one at once.
                died = Volatile.Read(ref _siloDied).Task;
                await registry.HealthCheckAsync().WaitAsync(TimeSpan.FromSeconds(10), stoppingToken).ConfigureAwait(false);
                lastProblem = null;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
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

        await watch.ConfigureAwait(false);
    }

    // The period, cut short by a silo's death.
    private async Task NextRoundAsync(Task died, CancellationToken stoppingToken)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var delay = Task.Delay(Period, time, cancel.Token);
        var first = await Task.WhenAny(delay, died).ConfigureAwait(false);
        await cancel.CancelAsync().ConfigureAwait(false);
        stoppingToken.ThrowIfCancellationRequested();
        if (first != delay)
        {
            logger.LogInformation("Runner keeper: a silo was declared dead; checking every runner now");
        }
    }

    private async Task WatchMembershipAsync(CancellationToken stoppingToken)
    {
        var dead = new HashSet<SiloAddress>();
        var first = true;
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken).ConfigureAwait(false))
            {
                var died = false;
                foreach (var member in snapshot.Members.Values)
                {
                    died |= member.Status == SiloStatus.Dead && dead.Add(member.SiloAddress);
                }

                // Silos dead before this one started are history, not a failover.
                if (died && !first)
                {
                    Interlocked.Exchange(ref _siloDied, NewSignal()).TrySetResult();
                }

                first = false;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // The periodic rounds go on without the shortcut.
            logger.LogWarning(ex, "Runner keeper: stopped watching the membership ({Error}); failovers wait for the next period", ex.Message);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
