using Hive.Runtime.Cluster;
using Microsoft.Extensions.Logging;

namespace Hive.Runtime.Core;

/// <summary>The silo's view of the membership table: joins, changes its own status by compare-and-swap, reacts to dead silos.</summary>
internal sealed class MembershipService
{
    private readonly SiloRuntime _runtime;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private volatile Dictionary<SiloAddress, MembershipEntry> _view = [];

    public MembershipService(SiloRuntime runtime, IMembershipTable table)
    {
        _runtime = runtime;
        Table = table;
    }

    public IMembershipTable Table { get; }

    public IReadOnlyCollection<MembershipEntry> Entries => _view.Values;

    public event Action? SelfDeclaredDead;

    public bool IsDead(SiloAddress silo) => _view.TryGetValue(silo, out var entry) && entry.Status == SiloStatus.Dead;

    public bool IsUsable(SiloAddress silo) => !IsDead(silo);

    public bool IsActive(SiloAddress silo) => _view.TryGetValue(silo, out var entry) && entry.Status == SiloStatus.Active;

    public IEnumerable<MembershipEntry> ActiveSilos => _view.Values.Where(e => e.Status == SiloStatus.Active);

    public async Task JoinAsync(CancellationToken cancellationToken)
    {
        var now = _runtime.TimeProvider.GetUtcNow();
        var entry = new MembershipEntry
        {
            Silo = _runtime.Address,
            Metadata = _runtime.Metadata,
            Status = SiloStatus.Joining,
            StartTime = now,
            IAmAliveTime = now,
        };
        for (var attempt = 0; ; attempt++)
        {
            var data = await Table.ReadAllAsync(cancellationToken).ConfigureAwait(false);
            if (await Table.InsertRowAsync(entry, data.Version.Next(), cancellationToken).ConfigureAwait(false))
            {
                break;
            }

            ThrowIfTooMany(attempt, "join the membership table");
        }

        await SetStatusAsync(_runtime.Address, SiloStatus.Active, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Moves <paramref name="silo"/> to <paramref name="status"/>; false when it is dead already.</summary>
    public async Task<bool> SetStatusAsync(SiloAddress silo, SiloStatus status, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var data = await Table.ReadAllAsync(cancellationToken).ConfigureAwait(false);
            var row = data.Entries.FirstOrDefault(e => e.Entry.Silo == silo);
            if (row.Entry is null)
            {
                throw new InvalidOperationException($"Silo {silo} is not in the membership table.");
            }

            if (row.Entry.Status == SiloStatus.Dead || row.Entry.Status > status)
            {
                await RefreshAsync().ConfigureAwait(false);
                return false;
            }

            var updated = row.Entry with { Status = status, IAmAliveTime = _runtime.TimeProvider.GetUtcNow() };
            if (await Table.UpdateRowAsync(updated, row.ETag, data.Version.Next(), cancellationToken).ConfigureAwait(false))
            {
                await RefreshAsync().ConfigureAwait(false);
                return true;
            }

            ThrowIfTooMany(attempt, $"set silo {silo} to {status}");
        }
    }

    public async Task RefreshAsync()
    {
        await _refreshGate.WaitAsync().ConfigureAwait(false);
        try
        {
            var data = await Table.ReadAllAsync().ConfigureAwait(false);
            var previous = _view;
            var next = data.Entries.ToDictionary(e => e.Entry.Silo, e => e.Entry);
            _view = next;
            var newlyDead = next.Values
                .Where(e => e.Status == SiloStatus.Dead && (!previous.TryGetValue(e.Silo, out var old) || old.Status != SiloStatus.Dead))
                .Select(e => e.Silo)
                .ToList();
            if (newlyDead.Remove(_runtime.Address))
            {
                SelfDeclaredDead?.Invoke();
            }

            if (newlyDead.Count != 0)
            {
                _runtime.Logger.LogInformation("Silo {Silo} sees silos {Dead} dead", _runtime.Address, string.Join(", ", newlyDead));
                await _runtime.OnSilosDeadAsync(newlyDead).ConfigureAwait(false);
            }
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    /// <summary>
    /// Declares dead every other silo whose IAmAlive heartbeat is older than <paramref name="deathTimeout"/>. A single
    /// silo's view decides (probes and suspicion votes between silos are not implemented yet).
    /// </summary>
    public async Task CheckLivenessAsync(TimeSpan deathTimeout)
    {
        try
        {
            var now = _runtime.TimeProvider.GetUtcNow();
            var data = await Table.ReadAllAsync().ConfigureAwait(false);
            foreach (var (entry, _) in data.Entries)
            {
                if (entry.Silo != _runtime.Address && entry.Status != SiloStatus.Dead && now - entry.IAmAliveTime > deathTimeout)
                {
                    _runtime.Logger.LogWarning(
                        "Silo {Silo} declares {Dead} dead: no heartbeat since {LastHeartbeat}",
                        _runtime.Address,
                        entry.Silo,
                        entry.IAmAliveTime);
                    await SetStatusAsync(entry.Silo, SiloStatus.Dead, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            _runtime.Logger.LogWarning(ex, "Liveness check of silo {Silo} failed", _runtime.Address);
        }
    }

    private static void ThrowIfTooMany(int attempt, string what)
    {
        if (attempt > 100)
        {
            throw new InvalidOperationException($"Could not {what}: the membership table kept changing (100 compare-and-swap attempts).");
        }
    }
}
