using Hive.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Hive.Hosting;

/// <summary>
/// Ready for <c>hive run</c>: each of the embedded cluster's silos (control, live, data) is
/// <see cref="SiloStatus.Active"/> in the membership the control silo sees. Storage is the silos' own: a file store that
/// fails or a PostgreSQL that does not answer shows as silos leaving membership.
/// </summary>
internal sealed class EmbeddedClusterReadinessCheck(EmbeddedCluster cluster) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        IClusterMembershipService membership;
        try
        {
            membership = cluster.ServicesOf(EmbeddedCluster.ControlSiloName).GetRequiredService<IClusterMembershipService>();
        }
        catch (ObjectDisposedException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the embedded cluster has stopped"));
        }

        var active = membership.CurrentSnapshot.Members.Values
            .Where(static m => m.Status == SiloStatus.Active)
            .Select(static m => m.Name)
            .ToHashSet(StringComparer.Ordinal);
        var missing = cluster.SiloNames.Where(n => !active.Contains(n)).ToList();
        return Task.FromResult(missing.Count == 0
            ? HealthCheckResult.Healthy($"silos {string.Join(", ", cluster.SiloNames)} are active")
            : HealthCheckResult.Unhealthy($"silo {string.Join(", ", missing)} is not active in the cluster's membership"));
    }
}
