using Hive.Runtime.Cluster;
using Microsoft.Extensions.Logging;

namespace Hive.Runtime.Core;

internal sealed partial class SiloRuntime
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Transport.Listen(Address, this);
        if (Membership.Table is IMembershipChangeNotifier notifier)
        {
            notifier.Changed += OnMembershipChanged;
        }

        Membership.SelfDeclaredDead += () => _ = Task.Run(Kill);
        await Membership.JoinAsync(cancellationToken).ConfigureAwait(false);
        var sweep = TimeSpan.FromMilliseconds(Math.Min(1000, _options.DefaultResponseTimeout.TotalMilliseconds / 4));
        _sweepTimer = TimeProvider.CreateTimer(static s => ((SiloRuntime)s!).SweepTimeouts(), this, sweep, sweep);
        _collectTimer = TimeProvider.CreateTimer(static s => ((SiloRuntime)s!).CollectIdle(), this, _options.CollectionQuantum, _options.CollectionQuantum);
        _heartbeatTimer = TimeProvider.CreateTimer(static s => ((SiloRuntime)s!).Heartbeat(), this, _options.IAmAlivePeriod, _options.IAmAlivePeriod);
        PublishLoad();
        Logger.LogInformation("Silo {Silo} ({Metadata}) is active", Address, Metadata);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping || IsKilled)
        {
            return;
        }

        _stopping = true;
        await Membership.SetStatusAsync(Address, SiloStatus.ShuttingDown, cancellationToken).ConfigureAwait(false);
        _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        foreach (var activation in _activations.Values)
        {
            activation.StartDeactivation(DeactivationReason.ShuttingDown);
        }

        if (!_activations.IsEmpty)
        {
            await _drained.Task.WaitAsync(_options.ShutdownTimeout, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }

        await Membership.SetStatusAsync(Address, SiloStatus.Dead, cancellationToken).ConfigureAwait(false);
        Shutdown();
        Logger.LogInformation("Silo {Silo} stopped", Address);
    }

    /// <summary>Stops at once: no deactivation callbacks, nothing written to membership (others declare the silo dead).</summary>
    public void Kill()
    {
        if (IsKilled)
        {
            return;
        }

        IsKilled = true;
        _stopping = true;
        foreach (var activation in _activations.Values)
        {
            activation.Abandon();
        }

        _activations.Clear();
        Shutdown();
    }

    private void Shutdown()
    {
        if (Membership.Table is IMembershipChangeNotifier notifier)
        {
            notifier.Changed -= OnMembershipChanged;
        }

        Transport.Disconnect(Address);
        _sweepTimer?.Dispose();
        _collectTimer?.Dispose();
        _heartbeatTimer?.Dispose();
        _shutdown.Cancel();
        foreach (var pending in _pending)
        {
            if (_pending.TryRemove(pending.Key, out var request))
            {
                request.Fail(new SiloUnavailableException($"Silo {Address} stopped while {request.Describe()} was in flight."));
            }
        }
    }

    private void Heartbeat()
    {
        if (_stopping)
        {
            return;
        }

        PublishLoad();
        _ = Membership.Table.UpdateIAmAliveAsync(Address, TimeProvider.GetUtcNow());
        _ = Membership.CheckLivenessAsync(_options.DeathTimeout);
    }

    private void OnMembershipChanged() => _ = Task.Run(Membership.RefreshAsync);
}
