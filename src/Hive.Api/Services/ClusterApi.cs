using Grpc.Core;
using Hive.Api.V1;

namespace Hive.Api.Services;

/// <summary>
/// <c>hive.v1.ClusterService</c> on Orleans' management grain (membership, activation counts, CPU and memory), the
/// silos' metadata (role and tags, when the host has an <c>ISiloMetadataCache</c>) and the runner registry.
/// </summary>
internal sealed class ClusterApi(HiveQueries queries) : ClusterService.ClusterServiceBase
{
    public override Task<ClusterStatus> GetClusterStatus(GetClusterStatusRequest request, ServerCallContext context) =>
        queries.ClusterStatusAsync(request.IncludeInactive);
}
