using System.Collections.Concurrent;
using Hive.Runtime.Testing;
using Hive.Runtime.Tests.Grains;

namespace Hive.Runtime.Tests;

public sealed class CallContextTests(FilterClusterFixture fixture) : IClassFixture<FilterClusterFixture>
{
    [Fact]
    public async Task RequestContext_SetByCaller_FlowsToDownstreamCallsAcrossSilos()
    {
        var silos = fixture.Cluster.Silos;
        RequestContext.Set("trace", "t-42");
        Hive.Runtime.Placement.PlacementHint.Set(silos[1].Address);
        var sut = silos[0].GrainFactory.GetGrain<IContextGrain>("ctx-" + Guid.NewGuid());

        var seen = await sut.ReadThrough("ctx-down-" + Guid.NewGuid(), silos[0].Address.ToString(), "trace").Within();

        Assert.Equal("silo1", await sut.SiloName());
        Assert.Equal("silo0:t-42", seen);
        Assert.Equal("t-42", RequestContext.Get("trace"));
    }

    [Fact]
    public async Task CallFilters_SuccessAndFailure_SeeInterfaceMethodArgumentsResultAndException()
    {
        var key = "filtered-" + Guid.NewGuid();
        var sut = fixture.Cluster.GrainFactory.GetGrain<IContextGrain>(key);
        RequestContext.Set("k", "v");

        var value = await sut.Read("k").Within();
        await Assert.ThrowsAsync<ArgumentException>(() => sut.Fail(7).Within());

        Assert.Equal("v", value);
        Assert.Contains("in Hive.Runtime.Tests.Grains.IContextGrain.Read(k) grain=ContextGrain result=v", RecordingFilter.Log);
        Assert.Contains("in Hive.Runtime.Tests.Grains.IContextGrain.Fail(7) threw ArgumentException: bad value 7", RecordingFilter.Log);
        Assert.Contains("out Read to context result=v", RecordingFilter.Log);
    }
}
