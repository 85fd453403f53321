using Hive.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Storage;

namespace Hive.Postgres.Tests;

public sealed class PostgresSiloTests
{
    [PostgresFact]
    public async Task GrainState_SiloRestarted_SurvivesInPostgres()
    {
        await using var db = await PostgresServer.CreateDatabaseAsync();
        await using (var first = await PostgresSilo.StartAsync(db.ConnectionString))
        {
            var counter = first.Grains.GetGrain<ICounterGrain>("btc_ema_prod");
            await counter.IncrementAsync();
            await counter.IncrementAsync();
        }

        await using var sut = await PostgresSilo.StartAsync(db.ConnectionString);
        var value = await sut.Grains.GetGrain<ICounterGrain>("btc_ema_prod").GetAsync();

        Assert.Equal(2, value);
        Assert.Equal(2L, await db.ScalarAsync("SELECT count(*) FROM hive_membership WHERE deployment_id = 'test'"));
        Assert.Equal(1L, await db.ScalarAsync("SELECT count(*) FROM hive_grain_state WHERE state_name = 'counter' AND grain_key = 'btc_ema_prod'"));
    }

    [PostgresFact]
    public async Task UseHivePostgresClustering_ClientOutsideTheSilo_FindsItsGatewayAndCallsAGrain()
    {
        await using var db = await PostgresServer.CreateDatabaseAsync();
        await using var silo = await PostgresSilo.StartAsync(db.ConnectionString, clusterId: "client-test");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client => client
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("client-test", "hive-test"))
            .UseHivePostgresClustering(db.ConnectionString));
        using var host = builder.Build();
        await host.StartAsync().Within();

        var value = await host.Services.GetRequiredService<IClusterClient>().GetGrain<ICounterGrain>("from_outside").IncrementAsync();

        Assert.Equal(1, value);
        await host.StopAsync().Within();
    }

    [PostgresFact]
    public async Task WriteStateAsync_SecondWriterHoldsAStaleETag_ThrowsInconsistentStateException()
    {
        await using var db = await PostgresServer.CreateDatabaseAsync();
        await using var silo = await PostgresSilo.StartAsync(db.ConnectionString);
        var sut = silo.Services.GetRequiredKeyedService<IGrainStorage>(HivePlatform.StorageName);
        var grain = GrainId.Create("runner", "eth_rsi_test");
        var first = new GrainState<CounterState>(new CounterState());
        var second = new GrainState<CounterState>(new CounterState());
        await sut.WriteStateAsync("counter", grain, first);
        await sut.ReadStateAsync("counter", grain, second);

        first.State!.Value = 1;
        await sut.WriteStateAsync("counter", grain, first);
        second.State!.Value = 2;
        var error = await Record.ExceptionAsync(() => sut.WriteStateAsync("counter", grain, second));

        Assert.IsType<InconsistentStateException>(error);
        var read = new GrainState<CounterState>(new CounterState());
        await sut.ReadStateAsync("counter", grain, read);
        Assert.Equal(1, read.State!.Value);
        Assert.Equal(first.ETag, read.ETag);
    }

    [PostgresFact]
    public async Task WriteStateAsync_FirstWriteWhileARowExists_ThrowsInconsistentStateException()
    {
        await using var db = await PostgresServer.CreateDatabaseAsync();
        await using var silo = await PostgresSilo.StartAsync(db.ConnectionString);
        var sut = silo.Services.GetRequiredKeyedService<IGrainStorage>(HivePlatform.StorageName);
        var grain = GrainId.Create("runner", "sol_macd_prod");
        await sut.WriteStateAsync("counter", grain, new GrainState<CounterState>(new CounterState { Value = 5 }));

        var error = await Record.ExceptionAsync(() => sut.WriteStateAsync("counter", grain, new GrainState<CounterState>(new CounterState { Value = 6 })));

        Assert.IsType<InconsistentStateException>(error);
    }

    [PostgresFact]
    public async Task ClearStateAsync_ThenWrite_KeepsCountingVersions()
    {
        await using var db = await PostgresServer.CreateDatabaseAsync();
        await using var silo = await PostgresSilo.StartAsync(db.ConnectionString);
        var sut = silo.Services.GetRequiredKeyedService<IGrainStorage>(HivePlatform.StorageName);
        var grain = GrainId.Create("runner", "ada_bb_test");
        var state = new GrainState<CounterState>(new CounterState { Value = 3 });
        await sut.WriteStateAsync("counter", grain, state);

        await sut.ClearStateAsync("counter", grain, state);
        var afterClear = new GrainState<CounterState>(new CounterState());
        await sut.ReadStateAsync("counter", grain, afterClear);
        afterClear.State!.Value = 4;
        await sut.WriteStateAsync("counter", grain, afterClear);

        Assert.Equal("3", afterClear.ETag);
        Assert.Equal(4, (await ReadAsync(sut, grain)).Value);
    }

    [PostgresFact]
    public async Task Reminders_RegisteredAndRemoved_AreRowsInPostgres()
    {
        await using var db = await PostgresServer.CreateDatabaseAsync();
        await using var silo = await PostgresSilo.StartAsync(db.ConnectionString, postgres: o => o.Reminders = true);
        var sut = silo.Grains.GetGrain<IReminderGrain>("btc_ema_prod");

        await sut.RegisterAsync("a");
        await sut.RegisterAsync("b");
        await sut.RegisterAsync("a");
        var registered = await sut.NamesAsync();
        var rows = await db.ScalarAsync("SELECT count(*) FROM hive_reminders");
        var version = await db.ScalarAsync("SELECT version FROM hive_reminders WHERE reminder_name = 'a'");
        await sut.UnregisterAsync("a");

        Assert.Equal(["a", "b"], registered);
        Assert.Equal(2L, rows);
        Assert.Equal(1, version);
        Assert.Equal(["b"], await sut.NamesAsync());
        Assert.Equal(1L, await db.ScalarAsync("SELECT count(*) FROM hive_reminders"));
    }

    private static async Task<CounterState> ReadAsync(IGrainStorage storage, GrainId grain)
    {
        var state = new GrainState<CounterState>(new CounterState());
        await storage.ReadStateAsync("counter", grain, state);
        return state.State!;
    }
}
