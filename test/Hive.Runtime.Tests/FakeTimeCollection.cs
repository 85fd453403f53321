namespace Hive.Runtime.Tests;

[CollectionDefinition(Name)]
public sealed class FakeTimeCollection : ICollectionFixture<FakeTimeClusterFixture>
{
    public const string Name = "fake-time cluster";
}
