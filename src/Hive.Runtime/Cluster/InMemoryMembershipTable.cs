using System.Globalization;

namespace Hive.Runtime.Cluster;

/// <summary>An <see cref="IMembershipTable"/> in process memory, for tests and single-process clusters.</summary>
public sealed class InMemoryMembershipTable : IMembershipTable, IMembershipChangeNotifier
{
    private readonly Lock _lock = new();
    private readonly Dictionary<SiloAddress, (MembershipEntry Entry, string ETag)> _rows = [];
    private TableVersion _version = new(0, "0");
    private long _etags;

    /// <inheritdoc />
    public event Action? Changed;

    /// <inheritdoc />
    public Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(new MembershipTableData([.. _rows.Values], _version));
        }
    }

    /// <inheritdoc />
    public Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(version);
        lock (_lock)
        {
            if (_rows.ContainsKey(entry.Silo) || !IsNextVersion(version))
            {
                return Task.FromResult(false);
            }

            _rows[entry.Silo] = (entry, NewETag());
            BumpVersion();
        }

        Changed?.Invoke();
        return Task.FromResult(true);
    }

    /// <inheritdoc />
    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(version);
        lock (_lock)
        {
            if (!_rows.TryGetValue(entry.Silo, out var current) || current.ETag != etag || !IsNextVersion(version)
                || current.Entry.Status == SiloStatus.Dead || entry.Status < current.Entry.Status)
            {
                return Task.FromResult(false);
            }

            _rows[entry.Silo] = (entry, NewETag());
            BumpVersion();
        }

        Changed?.Invoke();
        return Task.FromResult(true);
    }

    /// <inheritdoc />
    public Task UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset time, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_rows.TryGetValue(silo, out var current))
            {
                _rows[silo] = (current.Entry with { IAmAliveTime = time }, current.ETag);
            }
        }

        return Task.CompletedTask;
    }

    private bool IsNextVersion(TableVersion version) => version.Version == _version.Version + 1 && version.ETag == _version.ETag;

    private void BumpVersion() => _version = new TableVersion(_version.Version + 1, NewETag());

    private string NewETag() => (++_etags).ToString(CultureInfo.InvariantCulture);
}
