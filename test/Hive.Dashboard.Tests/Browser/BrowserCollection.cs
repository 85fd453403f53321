namespace Hive.Dashboard.Tests.Browser;

/// <summary>
/// The browser tests: one <c>hive run</c> process and one browser (<see cref="BrowserFixture"/>), tests one after
/// another and after the other collections (the HTTP tests' in-process run), so two runs never share the two cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "dashboard in a browser";
}
