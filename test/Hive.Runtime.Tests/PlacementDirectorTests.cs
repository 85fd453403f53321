using Hive.Runtime.Cluster;
using Hive.Runtime.Core;
using Hive.Runtime.Placement;
using Hive.Runtime.Tests.Grains;

namespace Hive.Runtime.Tests;

[Collection(ClusterCollection.Name)]
public sealed class PlacementDirectorTests(ClusterFixture fixture)
{
    private static readonly SiloInfo[] Silos =
    [
        Info("a", 5),
        Info("b", 1),
        Info("c", 3),
    ];

    private static SiloInfo Info(string name, int activations) =>
        new(new SiloAddress(name, 1), new SiloMetadata(name, SiloRoles.Control, new HashSet<string>()), new SiloLoad { ActivationCount = activations });

    private sealed record Context(SiloAddress LocalSilo, IReadOnlyList<SiloInfo> CompatibleSilos) : IPlacementContext;

    private static PlacementTarget Target(string key) => new(new GrainId("x", key), typeof(object), Silos[0].Address);

    [Fact]
    public async Task ActivationCountDirector_ChoosesLeastLoadedSilo()
    {
        var sut = new ActivationCountPlacementDirector();

        var chosen = await sut.OnAddActivation(ActivationCountBasedPlacement.Singleton, Target("k"), new Context(Silos[0].Address, Silos));

        Assert.Equal("b", chosen.Endpoint);
    }

    [Fact]
    public async Task HashBasedDirector_SameGrain_SameSiloEveryTime_AndSpreadsKeys()
    {
        var sut = new HashBasedPlacementDirector();
        var context = new Context(Silos[0].Address, Silos);

        var first = await sut.OnAddActivation(HashBasedPlacement.Singleton, Target("key-1"), context);
        var again = await sut.OnAddActivation(HashBasedPlacement.Singleton, Target("key-1"), context);
        var spread = Enumerable.Range(0, 60).Select(i => sut.OnAddActivation(HashBasedPlacement.Singleton, Target("k" + i), context).Result).Distinct().Count();

        Assert.Equal(first, again);
        Assert.Equal(3, spread);
    }

    [Fact]
    public async Task PreferLocalDirector_LocalIncompatible_ChoosesCompatibleSilo()
    {
        var sut = new PreferLocalPlacementDirector();

        var local = await sut.OnAddActivation(PreferLocalPlacement.Singleton, Target("k"), new Context(Silos[2].Address, Silos));
        var other = await sut.OnAddActivation(PreferLocalPlacement.Singleton, Target("k"), new Context(new SiloAddress("z", 1), Silos[..1]));

        Assert.Equal("c", local.Endpoint);
        Assert.Equal("a", other.Endpoint);
    }

    [Fact]
    public async Task PreferLocalPlacement_CalledFromEachSilo_ActivatesOnTheCaller()
    {
        foreach (var silo in fixture.Cluster.Silos)
        {
            var name = await silo.GrainFactory.GetGrain<IPreferLocalGrain>("local-" + Guid.NewGuid()).SiloName().Within();

            Assert.Equal(silo.Metadata.Name, name);
        }
    }
}
