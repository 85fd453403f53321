using Hive.Runtime.Tests.Grains;

namespace Hive.Runtime.Tests;

[Collection(FakeTimeCollection.Name)]
public sealed class FakeTimeTests(FakeTimeClusterFixture fixture)
{
    [Fact]
    public async Task Call_ExceedsResponseTimeout_FailsWithTimeoutNamingGrainAndMethod()
    {
        var key = "hang-" + Guid.NewGuid();
        var sut = fixture.Cluster.GrainFactory.GetGrain<ITurnGrain>(key);

        var call = sut.Hang();
        await Wait.UntilAsync(() => fixture.Cluster.FindHost(sut.GetGrainId()) is not null, "the grain is active");
        fixture.Time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(call.IsCompleted);
        fixture.Time.Advance(TimeSpan.FromSeconds(3));
        var error = await Assert.ThrowsAsync<TimeoutException>(() => call.Within());

        Assert.Contains("ITurnGrain.Hang", error.Message, StringComparison.Ordinal);
        Assert.Contains("turn/" + key, error.Message, StringComparison.Ordinal);
        Assert.Contains("00:00:05", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IdleCollection_AfterCollectionAge_DeactivatesAndNextCallReloadsState()
    {
        var key = "idle-" + Guid.NewGuid();
        var sut = fixture.Cluster.GrainFactory.GetGrain<IProfileGrain>(key);
        await sut.SetName("ada").Within();
        fixture.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.NotNull(fixture.Cluster.FindHost(sut.GetGrainId()));

        fixture.Time.Advance(TimeSpan.FromMinutes(6));
        await Wait.UntilAsync(() => fixture.Cluster.FindHost(sut.GetGrainId()) is null, "the idle grain is collected");
        var name = await sut.GetName().Within();

        Assert.Equal(DeactivationReason.ActivationIdle, ProfileGrain.Deactivations[key]);
        Assert.Equal("ada", name);
        Assert.Equal(2, ProfileGrain.Activations[key]);
    }

    [Fact]
    public async Task IdleCollection_KeepAliveAndDelayedGrains_StayActive()
    {
        var keepAlive = fixture.Cluster.GrainFactory.GetGrain<IKeepAliveGrain>(Random.Shared.NextInt64());
        var delayed = fixture.Cluster.GrainFactory.GetGrain<IDelayingGrain>(Guid.NewGuid());
        var plain = fixture.Cluster.GrainFactory.GetGrain<ICounterGrain>("plain-" + Guid.NewGuid());
        Assert.Equal(keepAlive.GetPrimaryKeyLong(), await keepAlive.Key().Within());
        Assert.Equal(delayed.GetPrimaryKey(), await delayed.Delay(TimeSpan.FromHours(1)).Within());
        await plain.Add(1).Within();

        fixture.Time.Advance(TimeSpan.FromMinutes(20));
        await Wait.UntilAsync(() => fixture.Cluster.FindHost(plain.GetGrainId()) is null, "the plain grain is collected");

        Assert.NotNull(fixture.Cluster.FindHost(keepAlive.GetGrainId()));
        Assert.NotNull(fixture.Cluster.FindHost(delayed.GetGrainId()));
    }

    [Fact]
    public async Task Timer_TicksOnTurn_NeverOverlaps_StopsWithActivation()
    {
        var key = "timer-" + Guid.NewGuid();
        var sut = fixture.Cluster.GrainFactory.GetGrain<ITimerGrain>(key);
        await sut.Start(TimeSpan.FromSeconds(1), blockFirstTick: true).Within();
        var log = TimerGrain.Logs.GetOrAdd(key, _ => new TimerLog());
        var step = TimeSpan.FromSeconds(1);

        await FakeClock.AdvanceUntilAsync(fixture.Time, step, () => log.Ticks == 1, "the first tick started");
        fixture.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, log.Ticks);

        Gates.Open("tick-" + key);
        await FakeClock.AdvanceUntilAsync(fixture.Time, step, () => log.Completed == 2, "the second tick ran after the first ended");

        var busy = sut.Enter("timer-busy-" + key);
        await Wait.UntilAsync(() => Gates.Entered.Contains("timer-busy-" + key), "a request holds the turn");
        var host = fixture.Cluster.FindHost(sut.GetGrainId())!;
        Assert.True(host.Runtime.TryGetActivation(sut.GetGrainId(), out var activation));
        await FakeClock.AdvanceUntilAsync(fixture.Time, step, () => activation!.QueuedRequestCount == 1, "a tick is due while the request runs");
        Assert.Equal(2, log.Ticks);
        Gates.Open("timer-busy-" + key);
        await busy.Within();
        await Wait.UntilAsync(() => log.Completed == 3, "the tick ran once the request finished");

        await sut.Deactivate().Within();
        await Wait.UntilAsync(() => fixture.Cluster.FindHost(sut.GetGrainId()) is null, "the grain deactivated");
        fixture.Time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(3, log.Ticks);
        Assert.Equal(0, log.Overlaps);
        Assert.Null(fixture.Cluster.FindHost(sut.GetGrainId()));
    }
}
