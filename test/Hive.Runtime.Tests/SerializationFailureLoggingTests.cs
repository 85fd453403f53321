using Hive.Runtime.Placement;
using Hive.Runtime.Tests.Grains;
using Microsoft.Extensions.Logging;

namespace Hive.Runtime.Tests;

public sealed class SerializationFailureLoggingTests(LoggingClusterFixture fixture) : IClassFixture<LoggingClusterFixture>
{
    [Fact]
    public async Task Call_CrossSiloResultCannotBeSerialized_CalleeSiloLogsError()
    {
        var callee = fixture.Cluster.Silos[1];
        PlacementHint.Set(callee.Address);
        var sut = fixture.Cluster.Silos[0].GrainFactory.GetGrain<IPoisonGrain>("poison-" + Guid.NewGuid());

        await Assert.ThrowsAsync<GrainCallException>(() => sut.Make(Payload.ThrowOnWrite).Within());

        Assert.Contains(fixture.Logs.Entries, entry =>
            entry.Level == LogLevel.Error
            && entry.Exception is PayloadException
            && entry.Message.Contains(callee.Address.ToString(), StringComparison.Ordinal)
            && entry.Message.Contains("IPoisonGrain.Make", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Call_CrossSiloArgumentCannotBeDeserialized_CalleeSiloLogsError()
    {
        var callee = fixture.Cluster.Silos[1];
        PlacementHint.Set(callee.Address);
        var sut = fixture.Cluster.Silos[0].GrainFactory.GetGrain<IPoisonGrain>("poison-" + Guid.NewGuid());

        await Assert.ThrowsAsync<GrainCallException>(() => sut.Take(Payload.Create(Payload.ThrowOnRead)).Within());

        Assert.Contains(fixture.Logs.Entries, entry =>
            entry.Level == LogLevel.Error
            && entry.Exception is PayloadException
            && entry.Message.Contains(callee.Address.ToString(), StringComparison.Ordinal)
            && entry.Message.Contains("IPoisonGrain.Take", StringComparison.Ordinal));
    }
}
