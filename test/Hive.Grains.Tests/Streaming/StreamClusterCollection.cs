namespace Hive.Grains.Tests.Streaming;

/// <summary>The stream tests share one <see cref="StreamClusterFixture"/> and run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class StreamClusterCollection : ICollectionFixture<StreamClusterFixture>
{
    public const string Name = "stream cluster";
}
