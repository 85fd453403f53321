using Hive.Runtime.Placement;
using Hive.Runtime.Streams;
using Hive.Runtime.Tests.Grains;

namespace Hive.Runtime.Tests;

/// <summary>Values that pass the source generator but fail to (de)serialize at run time fail the call, not the process.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SerializationFailureTests(ClusterFixture fixture)
{
    private IPoisonGrain RemoteGrain()
    {
        PlacementHint.Set(fixture.Cluster.Silos[2].Address);
        return fixture.Cluster.Silos[0].GrainFactory.GetGrain<IPoisonGrain>("poison-" + Guid.NewGuid());
    }

    [Fact]
    public async Task Call_CrossSiloResultGetterThrows_CallerGetsErrorNamingCallAndSiloSurvives()
    {
        var sut = RemoteGrain();

        var error = await Assert.ThrowsAsync<GrainCallException>(() => sut.Make(Payload.ThrowOnWrite).Within());

        Assert.Contains("Result of", error.Message, StringComparison.Ordinal);
        Assert.Contains("IPoisonGrain.Make", error.Message, StringComparison.Ordinal);
        Assert.Contains(sut.GetGrainId().ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(Payload), error.Message, StringComparison.Ordinal);
        Assert.Contains("refuses to be written", error.Message, StringComparison.Ordinal);
        Assert.Equal("ok", (await sut.Make("ok").Within()).Mode);
        Assert.False(fixture.Cluster.Silos[0].HostsGrain(sut.GetGrainId()));
    }

    [Fact]
    public async Task Call_CrossSiloNaNResult_CallerGetsErrorAndSiloSurvives()
    {
        var sut = RemoteGrain();

        var error = await Assert.ThrowsAsync<GrainCallException>(() => sut.NotANumber().Within());

        Assert.Contains("IPoisonGrain.NotANumber", error.Message, StringComparison.Ordinal);
        Assert.Contains("Double", error.Message, StringComparison.Ordinal);
        Assert.Equal("ok", (await sut.Make("ok").Within()).Mode);
    }

    [Fact]
    public async Task Call_CrossSiloResultSetterThrowsOnCaller_CallerGetsErrorNamingCall()
    {
        var sut = RemoteGrain();

        var error = await Assert.ThrowsAsync<GrainCallException>(() => sut.Make(Payload.ThrowOnRead).Within());

        Assert.Contains("IPoisonGrain.Make", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(Payload), error.Message, StringComparison.Ordinal);
        Assert.Contains("refuses to be read", error.Message, StringComparison.Ordinal);
        Assert.Equal("ok", (await sut.Make("ok").Within()).Mode);
    }

    [Fact]
    public async Task Call_CrossSiloArgumentGetterThrows_CallerGetsErrorNamingArgument()
    {
        var sut = RemoteGrain();

        var error = await Assert.ThrowsAsync<GrainCallException>(() => sut.Take(Payload.Create(Payload.ThrowOnWrite)).Within());

        Assert.Contains("IPoisonGrain.Take", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(Payload), error.Message, StringComparison.Ordinal);
        Assert.Contains("refuses to be written", error.Message, StringComparison.Ordinal);
        Assert.Equal("ok", await sut.Take(Payload.Create("ok")).Within());
    }

    [Fact]
    public async Task Call_CrossSiloArgumentSetterThrowsOnCallee_CallerGetsErrorWithoutWaitingForTimeout()
    {
        var sut = RemoteGrain();
        Assert.Equal("ok", await sut.Take(Payload.Create("ok")).Within());

        var error = await Assert.ThrowsAsync<GrainCallException>(() => sut.Take(Payload.Create(Payload.ThrowOnRead)).Within());

        Assert.Contains("Arguments of", error.Message, StringComparison.Ordinal);
        Assert.Contains("IPoisonGrain.Take", error.Message, StringComparison.Ordinal);
        Assert.Contains("refuses to be read", error.Message, StringComparison.Ordinal);
        Assert.Equal("ok", await sut.Take(Payload.Create("ok")).Within());
    }

    [Fact]
    public async Task OnNextAsync_RemoteSubscriberAndEventGetterThrows_ProducerGetsErrorNamingStream()
    {
        var stream = new StreamId("poison", "write-" + Guid.NewGuid());
        var subscriber = RemoteGrain();
        await subscriber.SubscribePayloads(stream.Namespace, stream.Key).Within();
        var sut = fixture.Cluster.Silos[0].GetStreamProvider("default").GetStream<Payload>(stream);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => sut.OnNextAsync(Payload.Create(Payload.ThrowOnWrite)).Within());

        Assert.Contains(stream.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(Payload), error.Message, StringComparison.Ordinal);
        Assert.Contains("refuses to be written", error.Message, StringComparison.Ordinal);
        await sut.OnNextAsync(Payload.Create("ok")).Within();
        Assert.Equal(1, await subscriber.PayloadsReceived().Within());
    }

    [Fact]
    public async Task OnNextAsync_RemoteSubscriberCannotDecodeEvent_ProducerGetsErrorAndSiloSurvives()
    {
        var stream = new StreamId("poison", "read-" + Guid.NewGuid());
        var subscriber = RemoteGrain();
        await subscriber.SubscribePayloads(stream.Namespace, stream.Key).Within();
        var sut = fixture.Cluster.Silos[0].GetStreamProvider("default").GetStream<Payload>(stream);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => sut.OnNextAsync(Payload.Create(Payload.ThrowOnRead)).Within());

        Assert.Contains(stream.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(Payload), error.Message, StringComparison.Ordinal);
        Assert.Contains("refuses to be read", error.Message, StringComparison.Ordinal);
        await sut.OnNextAsync(Payload.Create("ok")).Within();
        Assert.Equal(1, await subscriber.PayloadsReceived().Within());
    }
}
