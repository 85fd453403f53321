using Hive.Runtime.Cluster;
using Hive.Runtime.Placement;
using Hive.Runtime.Testing;
using Hive.Runtime.Tests.Grains;

namespace Hive.Runtime.Tests;

public sealed class ClusterLifecycleTests
{
    private static async Task<TestCluster> StartThreeSilosAsync()
    {
        var options = new TestClusterOptions();
        options.Silos.Add(new TestSiloOptions("a"));
        options.Silos.Add(new TestSiloOptions("b"));
        options.Silos.Add(new TestSiloOptions("c"));
        return await TestCluster.StartAsync(options);
    }

    [Fact]
    public async Task KillSilo_GrainsLivedThere_ArePlacedElsewhereAndReloadState()
    {
        await using var cluster = await StartThreeSilosAsync();
        var victim = cluster.Silos[2];
        var key = "kill-" + Guid.NewGuid();
        PlacementHint.Set(victim.Address);
        var sut = cluster.Silos[0].GrainFactory.GetGrain<IProfileGrain>(key);
        await sut.SetName("grace").Within();
        PlacementHint.Clear();
        Assert.Equal("c", await sut.SiloName());

        await cluster.KillSiloAsync(victim);
        var name = await sut.GetName().Within();
        var host = await sut.SiloName();

        Assert.Equal("grace", name);
        Assert.NotEqual("c", host);
        Assert.False(ProfileGrain.Deactivations.ContainsKey(key));
        Assert.All(cluster.Silos, s => Assert.Equal(SiloStatus.Dead, s.MembershipView[victim.Address]));
        Assert.Equal(SiloStatus.Dead, (await cluster.Infrastructure.Membership.ReadAllAsync()).Entries.Single(e => e.Entry.Silo == victim.Address).Entry.Status);
    }

    [Fact]
    public async Task StopSilo_Graceful_RunsDeactivationCallbacksAndMarksDead()
    {
        await using var cluster = await StartThreeSilosAsync();
        var leaving = cluster.Silos[1];
        var key = "stop-" + Guid.NewGuid();
        PlacementHint.Set(leaving.Address);
        var sut = cluster.Silos[0].GrainFactory.GetGrain<IProfileGrain>(key);
        await sut.SetName("linus").Within();
        PlacementHint.Clear();

        await cluster.StopSiloAsync(leaving);

        Assert.Equal(DeactivationReason.ShuttingDown, ProfileGrain.Deactivations[key]);
        Assert.Equal(SiloStatus.Dead, cluster.Primary.MembershipView[leaving.Address]);
        Assert.Equal("linus", await sut.GetName().Within());
    }

    [Fact]
    public async Task RestartSilo_NewIncarnation_HasNewGenerationAndJoins()
    {
        await using var cluster = await StartThreeSilosAsync();
        var old = cluster.Silos[1];

        var sut = await cluster.RestartSiloAsync(old);
        await cluster.WaitForStableMembershipAsync();

        Assert.Equal(old.Metadata.Name, sut.Metadata.Name);
        Assert.NotEqual(old.Address, sut.Address);
        Assert.Equal(SiloStatus.Active, cluster.Primary.MembershipView[sut.Address]);
        Assert.Equal(SiloStatus.Dead, cluster.Primary.MembershipView[old.Address]);
        Assert.Equal(3, cluster.Silos.Count);
    }

    [Fact]
    public async Task DeclareDead_SiloStillRunning_StopsItselfWhenItLearnsIt()
    {
        await using var cluster = await StartThreeSilosAsync();
        var sut = cluster.Silos[2];

        await cluster.Primary.DeclareDeadAsync(sut.Address);
        await sut.RefreshMembershipAsync();

        await Wait.UntilAsync(() => sut.IsStopped, "the silo declared dead stops itself");
        Assert.False(cluster.Primary.IsStopped);
    }

    [Fact]
    public async Task Heartbeats_SiloCrashesWithoutNotice_OthersDeclareItDeadAndReplaceItsGrains()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await TestCluster.StartAsync(new TestClusterOptions { TimeProvider = time });
        var crashed = cluster.Silos[1];
        var key = "crash-" + Guid.NewGuid();
        PlacementHint.Set(crashed.Address);
        var sut = cluster.Silos[0].GrainFactory.GetGrain<IProfileGrain>(key);
        await sut.SetName("hopper").Within();
        PlacementHint.Clear();

        crashed.Kill();
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(SiloStatus.Active, cluster.Primary.MembershipView[crashed.Address]);
        time.Advance(TimeSpan.FromSeconds(10));
        await Wait.UntilAsync(() => cluster.Primary.MembershipView[crashed.Address] == SiloStatus.Dead, "the crashed silo is declared dead");

        Assert.Equal("hopper", await sut.GetName().Within());
        Assert.Equal("silo0", await sut.SiloName());
    }

    [Fact]
    public async Task MembershipTable_UpdateDeadRow_IsRejected()
    {
        var sut = new InMemoryMembershipTable();
        var entry = new MembershipEntry
        {
            Silo = new SiloAddress("x", 1),
            Metadata = new SiloMetadata("x", SiloRoles.Control, new HashSet<string>()),
            Status = SiloStatus.Joining,
        };
        var data = await sut.ReadAllAsync();
        Assert.True(await sut.InsertRowAsync(entry, data.Version.Next()));
        data = await sut.ReadAllAsync();
        Assert.True(await sut.UpdateRowAsync(entry with { Status = SiloStatus.Dead }, data.Entries[0].ETag, data.Version.Next()));

        data = await sut.ReadAllAsync();
        var revived = await sut.UpdateRowAsync(entry with { Status = SiloStatus.Active }, data.Entries[0].ETag, data.Version.Next());
        var staleVersion = await sut.InsertRowAsync(entry with { Silo = new SiloAddress("y", 1) }, data.Version);

        Assert.False(revived);
        Assert.False(staleVersion);
    }
}
