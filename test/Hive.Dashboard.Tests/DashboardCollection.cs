namespace Hive.Dashboard.Tests;

/// <summary>The tests that share one running <c>hive run</c> (HTTP tests and browser tests alike).</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardRunFixture>
{
    public const string Name = "dashboard run";
}
