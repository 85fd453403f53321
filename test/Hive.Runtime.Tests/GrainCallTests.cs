using Hive.Runtime.Placement;
using Hive.Runtime.Tests.Grains;

namespace Hive.Runtime.Tests;

[Collection(ClusterCollection.Name)]
public sealed class GrainCallTests(ClusterFixture fixture)
{
    [Fact]
    public async Task GetGrain_ConcurrentFirstCallsFromThreeSilos_CreateExactlyOneActivation()
    {
        var key = "single-" + Guid.NewGuid();
        var silos = fixture.Cluster.Silos;

        var results = await Task.WhenAll(silos.Select(s => s.GrainFactory.GetGrain<ICounterGrain>(key).Add(1))).Within();

        Assert.Equal([1, 2, 3], results.Order());
        Assert.Equal(1, CounterGrain.Activations[key]);
        Assert.Single(silos, s => s.HostsGrain(new GrainId("counter", key)));
        Assert.Equal(3, await fixture.Cluster.GrainFactory.GetGrain<ICounterGrain>(key).Get());
    }

    [Fact]
    public void GetGrain_NoCall_ActivatesNothing()
    {
        var key = "lazy-" + Guid.NewGuid();

        var sut = fixture.Cluster.GrainFactory.GetGrain<ICounterGrain>(key);

        Assert.Equal(new GrainId("counter", key), sut.GetGrainId());
        Assert.False(CounterGrain.Activations.ContainsKey(key));
        Assert.Null(fixture.Cluster.FindHost(sut.GetGrainId()));
    }

    [Fact]
    public async Task Call_NonReentrantGrain_NeverInterleavesAcrossAwaits()
    {
        var key = "turn-" + Guid.NewGuid();
        var sut = fixture.Cluster.Silos[1].GrainFactory.GetGrain<ITurnGrain>(key);

        var calls = Enumerable.Range(0, 30).Select(i => fixture.Cluster.Silos[i % 3].GrainFactory.GetGrain<ITurnGrain>(key).Work(3)).ToList();
        await Task.WhenAll(calls).Within();

        Assert.Equal(1, await sut.MaxConcurrency());
    }

    [Fact]
    public async Task Call_ReentrantGrain_InterleavesWhileFirstRequestAwaits()
    {
        var key = Guid.NewGuid().ToString();
        var sut = fixture.Cluster.GrainFactory.GetGrain<IReentrantTurnGrain>(key);

        var first = sut.Enter("re-a-" + key);
        var second = sut.Enter("re-b-" + key);
        await Wait.UntilAsync(() => Gates.Entered.Contains("re-a-" + key) && Gates.Entered.Contains("re-b-" + key), "both requests entered");
        Gates.Open("re-a-" + key);
        Gates.Open("re-b-" + key);
        await Task.WhenAll(first, second).Within();

        Assert.True(first.IsCompletedSuccessfully && second.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Call_NonReentrantGrainBusy_SecondRequestWaitsForFirst()
    {
        var key = Guid.NewGuid().ToString();
        var sut = fixture.Cluster.GrainFactory.GetGrain<ITurnGrain>(key);

        var first = sut.Enter("nr-a-" + key);
        await Wait.UntilAsync(() => Gates.Entered.Contains("nr-a-" + key), "first request entered");
        var second = sut.Enter("nr-b-" + key);
        var peek = await sut.Peek().Within();
        Gates.Open("nr-b-" + key);

        Assert.Equal("peek while nr-a-" + key, peek);
        Assert.DoesNotContain("nr-b-" + key, Gates.Entered);
        Assert.False(second.IsCompleted);
        Gates.Open("nr-a-" + key);
        await Task.WhenAll(first, second).Within();
        Assert.Contains("nr-b-" + key, Gates.Entered);
    }

    [Fact]
    public async Task Call_OneWay_ReturnsBeforeTheGrainRunsAndHidesItsFailure()
    {
        var key = Guid.NewGuid().ToString();
        var sut = fixture.Cluster.GrainFactory.GetGrain<ITurnGrain>(key);

        var call = sut.Fire("ow-" + key);

        Assert.True(call.IsCompletedSuccessfully);
        Gates.Open("ow-" + key);
        await Wait.UntilAsync(() => Gates.Entered.Contains("fired ow-" + key), "the one-way call ran");
        Assert.Equal(0, await sut.MaxConcurrency());
    }

    [Fact]
    public async Task Call_CrossSilo_SerializesArgumentsAndResults()
    {
        PlacementHint.Set(fixture.Cluster.Silos[2].Address);
        var key = "remote-" + Guid.NewGuid();
        var sut = fixture.Cluster.Silos[0].GrainFactory.GetGrain<ICounterGrain>(key);
        var before = fixture.Cluster.Infrastructure.Transport.MessagesSent;

        var value = await sut.Add(41).Within();
        var described = await sut.Describe(new int[] { 1, 2 }).Within();

        Assert.Equal(41, value);
        Assert.Equal("silo2", await sut.SiloName());
        Assert.Equal("JsonElement", described);
        Assert.True(fixture.Cluster.Infrastructure.Transport.MessagesSent - before >= 4);
    }

    [Fact]
    public async Task Call_CancellationToken_StaysLocalAndIsNoneAcrossSilos()
    {
        using var source = new CancellationTokenSource();
        var local = fixture.Cluster.Silos[0].GrainFactory.GetGrain<ICounterGrain>("ct-local-" + Guid.NewGuid());
        var remote = fixture.Cluster.Silos[0].GrainFactory.GetGrain<ICounterGrain>("ct-remote-" + Guid.NewGuid());

        PlacementHint.Set(fixture.Cluster.Silos[0].Address);
        var localSeesToken = await local.CanBeCanceled(source.Token).Within();
        PlacementHint.Set(fixture.Cluster.Silos[1].Address);
        var remoteSeesToken = await remote.CanBeCanceled(source.Token).Within();
        PlacementHint.Clear();

        Assert.True(localSeesToken);
        Assert.False(remoteSeesToken);
        Assert.Equal("silo1", await remote.SiloName());
    }

    [Fact]
    public async Task Call_LocalArgument_IsPassedWithoutCopying()
    {
        PlacementHint.Set(fixture.Cluster.Silos[0].Address);
        var sut = fixture.Cluster.Silos[0].GrainFactory.GetGrain<ICounterGrain>("local-" + Guid.NewGuid());

        var described = await sut.Describe(new int[] { 1, 2 }).Within();

        Assert.Equal("Int32[]", described);
    }
}
