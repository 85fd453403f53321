using Grpc.Core;
using Hive.Grains.Placement;
using Hive.Grains.Runners;
using Orleans.Runtime;

namespace Hive.Api.Hosting;

/// <summary>How failures become gRPC statuses: the code says what kind of problem, the message names it.</summary>
internal static class ApiErrors
{
    public static Status ToStatus(Exception ex, CancellationToken callCancelled)
    {
        if (ex is OperationCanceledException && callCancelled.IsCancellationRequested)
        {
            return new Status(StatusCode.Cancelled, "the call was cancelled");
        }

        if (ex is OperationCanceledException)
        {
            return new Status(StatusCode.Unavailable, "the server is stopping");
        }

        for (var current = ex; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case RpcException rpc:
                    return rpc.Status;
                case RunnerRegistryException registry:
                    return new Status(registry.Error switch
                    {
                        RunnerRegistryError.NotFound => StatusCode.NotFound,
                        RunnerRegistryError.AlreadyExists => StatusCode.AlreadyExists,
                        RunnerRegistryError.InvalidDefinition => StatusCode.InvalidArgument,
                        RunnerRegistryError.Unavailable => StatusCode.Unavailable,
                        _ => StatusCode.FailedPrecondition,
                    }, registry.Message);
                case PlacementRequirementException placement:
                    return new Status(StatusCode.Unavailable, placement.Message);
                case KeyNotFoundException notFound:
                    return new Status(StatusCode.NotFound, notFound.Message);
                case FileNotFoundException or DirectoryNotFoundException or FormatException or ArgumentException or InvalidDataException:
                    return new Status(StatusCode.InvalidArgument, current.Message);
                case TimeoutException or OrleansException:
                    return new Status(StatusCode.Unavailable, $"the cluster did not answer: {current.Message}");
                case InvalidOperationException:
                    return new Status(StatusCode.FailedPrecondition, current.Message);
            }
        }

        return new Status(StatusCode.Internal, $"{ex.GetType().Name}: {ex.Message}");
    }
}
