using Grpc.Core;
using Hive.Api.V1;
using Hive.Grains.Placement;
using Hive.Grains.Runners;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Hive.Api.Services;

/// <summary>
/// <c>hive.v1.ClusterService</c> on Orleans' management grain (membership, activation counts, CPU and memory), the
/// silos' metadata (role and tags, when the host has an <see cref="ISiloMetadataCache"/>) and the runner registry.
/// </summary>
internal sealed class ClusterApi(IGrainFactory grains, IServiceProvider services) : ClusterService.ClusterServiceBase
{
    private readonly ISiloMetadataCache? _metadata = services.GetService<ISiloMetadataCache>();

    public override async Task<ClusterStatus> GetClusterStatus(GetClusterStatusRequest request, ServerCallContext context)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: !request.IncludeInactive).ConfigureAwait(false);
        var active = hosts.Where(static h => h.Status == SiloStatus.Active).Select(static h => h.SiloAddress).ToArray();
        var statistics = active.Length == 0 ? [] : await management.GetRuntimeStatistics(active).ConfigureAwait(false);
        var bySilo = new Dictionary<SiloAddress, SiloRuntimeStatistics>();
        for (var i = 0; i < active.Length && i < statistics.Length; i++)
        {
            bySilo[active[i]] = statistics[i];
        }

        var runners = await grains.GetGrain<IRunnerRegistryGrain>(IRunnerRegistryGrain.DefaultKey).HealthCheckAsync().ConfigureAwait(false);
        var result = new ClusterStatus { RunnerCount = runners.Count };
        foreach (var host in hosts.OrderBy(static h => h.SiloName, StringComparer.Ordinal))
        {
            var silo = new V1.Silo
            {
                Name = host.SiloName ?? string.Empty,
                Address = host.SiloAddress.ToParsableString(),
                Status = host.Status.ToString(),
                CpuPercent = -1,
            };

            if (_metadata?.GetSiloMetadata(host.SiloAddress).Metadata is { } metadata)
            {
                foreach (var (key, value) in metadata)
                {
                    if (key == SiloRoles.RoleKey)
                    {
                        silo.Role = value;
                    }
                    else
                    {
                        silo.Tags[key] = value;
                    }
                }
            }

            if (bySilo.TryGetValue(host.SiloAddress, out var stats))
            {
                silo.Activations = stats.ActivationCount;
                silo.CpuPercent = stats.EnvironmentStatistics.FilteredCpuUsagePercentage;
                silo.MemoryBytes = stats.EnvironmentStatistics.FilteredMemoryUsageBytes;
                silo.AvailableMemoryBytes = stats.EnvironmentStatistics.FilteredAvailableMemoryBytes;
            }

            silo.Runners.AddRange(runners.Where(r => r.Silo == silo.Name).Select(static r => r.RunnerId).Order(StringComparer.Ordinal));
            result.Silos.Add(silo);
        }

        return result;
    }
}
