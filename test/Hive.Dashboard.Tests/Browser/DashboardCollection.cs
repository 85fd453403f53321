namespace Hive.Dashboard.Tests.Browser;

/// <summary>The browser tests: one <c>hive run</c> and one browser, tests one after another.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard in a browser";
}
