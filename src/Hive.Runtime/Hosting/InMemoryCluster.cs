using Hive.Runtime.Cluster;
using Hive.Runtime.Streams;

namespace Hive.Runtime.Hosting;

/// <summary>The shared in-memory infrastructure of silos in one process: membership, directory, transport, load table, pub-sub.</summary>
public sealed class InMemoryCluster
{
    /// <summary>Membership table.</summary>
    public InMemoryMembershipTable Membership { get; } = new();

    /// <summary>Grain directory.</summary>
    public InMemoryGrainDirectory Directory { get; } = new();

    /// <summary>Transport (serializes nothing itself: silos hand it serialized messages).</summary>
    public InMemoryTransportHub Transport { get; } = new();

    /// <summary>Load table.</summary>
    public InMemorySiloLoadTable LoadTable { get; } = new();

    /// <summary>Stream subscriptions.</summary>
    public InMemoryStreamPubSubStore PubSub { get; } = new();
}
