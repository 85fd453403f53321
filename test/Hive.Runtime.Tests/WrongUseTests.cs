using Hive.Runtime.Placement;
using Hive.Runtime.Tests.Grains;

namespace Hive.Runtime.Tests;

[Collection(ClusterCollection.Name)]
public sealed class WrongUseTests(ClusterFixture fixture)
{
    [Fact]
    public void GetGrain_InterfaceWithoutImplementation_ThrowsNamingTheInterface()
    {
        var error = Assert.Throws<GrainCallException>(() => fixture.Cluster.GrainFactory.GetGrain<IOrphanGrain>("x"));

        Assert.Contains("No grain class implements grain interface Hive.Runtime.Tests.Grains.IOrphanGrain", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetGrain_MarkerInterface_ThrowsUnknownGrainInterface()
    {
        var error = Assert.Throws<GrainCallException>(() => fixture.Cluster.GrainFactory.GetGrain<IGrainWithStringKey>("x"));

        Assert.Contains("Unknown grain interface Hive.Runtime.IGrainWithStringKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_ArgumentThatCannotCrossSilos_FailsNamingTheMethod()
    {
        PlacementHint.Set(fixture.Cluster.Silos[1].Address);
        var sut = fixture.Cluster.Silos[0].GrainFactory.GetGrain<ICounterGrain>("cross-" + Guid.NewGuid());
        await sut.Add(1).Within();
        Action notSerializable = () => { };

        var error = await Assert.ThrowsAsync<GrainCallException>(() => sut.Describe(notSerializable).Within());

        Assert.Contains("Arguments of Hive.Runtime.Tests.Grains.ICounterGrain.Describe", error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be serialized to cross silos", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_GrainTypeUnknownToSilo_FailsNamingTheType()
    {
        var sut = fixture.Cluster.GrainFactory.GetGrain<ICounterGrain>(new GrainId("nosuchtype", "k"));

        var error = await Assert.ThrowsAsync<GrainCallException>(() => sut.Get().AsTask().Within());

        Assert.Contains("Unknown grain type 'nosuchtype'", error.Message, StringComparison.Ordinal);
    }
}
