using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Orleans;
using Orleans.Runtime;

namespace Hive.Silo;

/// <summary>
/// Ready: the silo is <see cref="SiloStatus.Active"/> in the cluster's membership (it accepts grains) and the cluster's
/// PostgreSQL answers within <see cref="StorageTimeout"/> (grain state and the ledger can be written).
/// </summary>
internal sealed class SiloReadinessCheck(IClusterMembershipService membership, ILocalSiloDetails silo, NpgsqlDataSource postgres) : IHealthCheck
{
    private static readonly TimeSpan StorageTimeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        if (status != SiloStatus.Active)
        {
            return HealthCheckResult.Unhealthy($"silo {silo.Name} is {status} in the cluster's membership");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StorageTimeout);
        try
        {
            await using var command = postgres.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL did not answer within {StorageTimeout.TotalSeconds:0} s: {ex.Message}");
        }

        return HealthCheckResult.Healthy($"silo {silo.Name} is active; PostgreSQL answers");
    }
}
