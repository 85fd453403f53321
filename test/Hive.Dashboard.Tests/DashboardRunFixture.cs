namespace Hive.Dashboard.Tests;

/// <summary>One <see cref="DashboardRun"/> shared by the tests of a collection (three silos start once).</summary>
public sealed class DashboardRunFixture : IAsyncLifetime
{
    public DashboardRun Run { get; private set; } = null!;

    public async Task InitializeAsync() => Run = await DashboardRun.StartAsync();

    public async Task DisposeAsync() => await Run.DisposeAsync();
}
