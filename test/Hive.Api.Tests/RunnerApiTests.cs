using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using Hive.Api.V1;

namespace Hive.Api.Tests;

/// <summary>The API of a running <c>hive run</c>: runners added, paused, resumed, watched; errors; authentication; discovery.</summary>
public sealed class RunnerApiTests(HiveRunFixture fixture) : IClassFixture<HiveRunFixture>
{
    private HiveRun Run => fixture.Run;

    private string Script => Path.Combine(fixture.Root, "alternating.lua");

    [Fact]
    public async Task AddRunners_NewRunnerOnANewSymbol_TradesWithinTheRun()
    {
        var sut = Run.Runners;

        var added = await sut.AddRunnersAsync(new AddRunnersRequest { Specs = { $"xrp_alt:XRPUSDT:{Script}" } });

        Assert.Equal("xrp_alt", Assert.Single(added.Runners).Id);
        var runner = await Eventually.UntilAsync(() => sut.GetRunnerAsync(new RunnerRequest { Id = "xrp_alt" }).ResponseAsync,
            r => r.OrdersFilled >= 2, "xrp_alt filled orders");
        Assert.Equal("XRPUSDT", runner.Symbol);
        Assert.Equal("paper", runner.Account);
        var feeds = await Run.Market.ListFeedsAsync(new ListFeedsRequest());
        Assert.Contains(feeds.Feeds, f => f.Symbol == "XRPUSDT" && f.Running && f.Runners == 1);
    }

    [Fact]
    public async Task PauseRunner_Trading_StopsItsOrdersAndResumeRestartsThem()
    {
        var sut = Run.Runners;
        await sut.AddRunnersAsync(new AddRunnersRequest { RunnersYaml = $"- id: ada_alt\n  symbol: ADAUSDT\n  strategy: {Script}\n" });
        await Eventually.UntilAsync(() => Get("ada_alt"), r => r.OrdersFilled >= 2, "ada_alt trading");

        var paused = await sut.PauseRunnerAsync(new RunnerRequest { Id = "ada_alt" });
        var filledAtPause = (await Get("ada_alt")).OrdersFilled;
        var barsAtPause = (await Get("ada_alt")).BarsProcessed;
        var later = await Eventually.UntilAsync(() => Get("ada_alt"), r => r.BarsProcessed >= barsAtPause + 50, "ada_alt receiving 50 more bars while paused");

        Assert.Equal(RunnerHealth.Paused, paused.Health);
        Assert.Equal(RunnerState.Stopped, paused.State);
        Assert.Equal(filledAtPause, later.OrdersFilled);

        var resumed = await sut.ResumeRunnerAsync(new RunnerRequest { Id = "ada_alt" });
        await Eventually.UntilAsync(() => Get("ada_alt"), r => r.OrdersFilled > filledAtPause, "ada_alt trading again");
        Assert.NotEqual(RunnerHealth.Paused, resumed.Health);
    }

    [Fact]
    public async Task Watch_TradingRunner_StreamsSnapshotThenOrdersAndFillsAndEndsWhenRemoved()
    {
        await Run.Runners.AddRunnersAsync(new AddRunnersRequest { Specs = { $"dot_alt:DOTUSDT:{Script}" } });
        using var call = Run.Runners.Watch(new WatchRequest { Id = "dot_alt" });
        var events = new List<RunnerEvent>();
        var stream = call.ResponseStream;

        while (!(events.Any(e => e.Kind == RunnerEventKind.Fill) && events.Any(e => e.Kind == RunnerEventKind.Order) && events.Any(e => e.Kind == RunnerEventKind.Transition)))
        {
            Assert.True(await stream.MoveNext().WaitAsync(Eventually.Deadline), "the watch ended early");
            events.Add(stream.Current);
        }

        await Run.Runners.RemoveRunnerAsync(new RunnerRequest { Id = "dot_alt" });
        while (await stream.MoveNext().WaitAsync(Eventually.Deadline))
        {
            events.Add(stream.Current);
        }

        Assert.Equal(RunnerEventKind.Snapshot, events[0].Kind);
        Assert.Equal("dot_alt", events[0].Runner.Id);
        Assert.Equal(RunnerEventKind.Removed, events[^1].Kind);
        Assert.Contains(events, e => e.Kind == RunnerEventKind.Fill && e.Message.StartsWith("filled dot_alt-", StringComparison.Ordinal) && e.Price > 0);
        var sequences = events.Where(e => e.Sequence > 0).Select(e => e.Sequence).ToList();
        Assert.Equal(sequences.Order(), sequences);
    }

    [Fact]
    public async Task GetRunner_UnknownId_NotFoundNamingIt()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Run.Runners.GetRunnerAsync(new RunnerRequest { Id = "btc_emaa" }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.StartsWith("runner 'btc_emaa' does not exist", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRunners_ExistingId_AlreadyExistsNamingIt()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Run.Runners.AddRunnersAsync(new AddRunnersRequest { Specs = { "seed_ema:ETHUSDT:ema-cross" } }).ResponseAsync);

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        Assert.Equal("runner 'seed_ema' already exists (BTCUSDT, ema-cross)", error.Status.Detail);
    }

    [Fact]
    public async Task AddRunners_BadYaml_InvalidArgumentWithFileAndLineAndNothingAdded()
    {
        var yaml = "runners:\n  - id: ok_one\n    symbol: LTCUSDT\n    strategy: ema-cross\n  - id: bad_one\n    symbol: LTCUSDT\n    strategy: ema-cross\n    colour: blue\n";

        var error = await Assert.ThrowsAsync<RpcException>(() => Run.Runners.AddRunnersAsync(new AddRunnersRequest { RunnersYaml = yaml }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("runners.yaml:8: unknown runner field 'colour'", error.Status.Detail, StringComparison.Ordinal);
        var list = await Run.Runners.ListRunnersAsync(new ListRunnersRequest());
        Assert.DoesNotContain(list.Runners, r => r.Id == "ok_one");
    }

    [Fact]
    public async Task AddRunners_UnknownStrategy_InvalidArgumentNamingRunnerAndStrategy()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Run.Runners.AddRunnersAsync(new AddRunnersRequest { Specs = { "x:BTCUSDT:no-such" } }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("unknown strategy 'no-such'", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_WithoutToken_UnauthenticatedAndNothingDone()
    {
        var sut = new RunnerService.RunnerServiceClient(Run.Channel);

        var missing = await Assert.ThrowsAsync<RpcException>(() => sut.AddRunnersAsync(new AddRunnersRequest { Specs = { "noauth:BTCUSDT:ema-cross" } }).ResponseAsync);
        var wrong = await Assert.ThrowsAsync<RpcException>(() => sut.AddRunnersAsync(
            new AddRunnersRequest { Specs = { "noauth:BTCUSDT:ema-cross" } }, new Metadata { { "authorization", "Bearer not-the-token" } }).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, missing.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, wrong.StatusCode);
        Assert.Contains("missing bearer token", missing.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("invalid bearer token", wrong.Status.Detail);
        var list = await Run.Runners.ListRunnersAsync(new ListRunnersRequest());
        Assert.DoesNotContain(list.Runners, r => r.Id == "noauth");
    }

    [Fact]
    public async Task Health_WithoutToken_Serving()
    {
        var sut = new Health.HealthClient(Run.Channel);

        var response = await sut.CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task Reflection_ListServices_NamesEveryHiveService()
    {
        var sut = new ServerReflection.ServerReflectionClient(Run.Invoker);
        using var call = sut.ServerReflectionInfo();

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext());

        var names = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        foreach (var service in new[] { "hive.v1.RunnerService", "hive.v1.ClusterService", "hive.v1.GatewayService", "hive.v1.BacktestService", "hive.v1.MarketService", "grpc.health.v1.Health" })
        {
            Assert.Contains(service, names);
        }
    }

    [Fact]
    public async Task GetClusterStatus_EmbeddedCluster_ThreeActiveSilosWithRolesAndTheRunnersOnLive()
    {
        var status = await Run.Cluster.GetClusterStatusAsync(new GetClusterStatusRequest());

        Assert.Equal(["control", "data", "live"], status.Silos.Select(s => s.Name));
        Assert.All(status.Silos, s => Assert.Equal("Active", s.Status));
        Assert.Equal(["control", "data", "live"], status.Silos.Select(s => s.Role));
        Assert.Equal("true", status.Silos.Single(s => s.Name == "live").Tags["low_latency"]);
        Assert.Equal("true", status.Silos.Single(s => s.Name == "data").Tags["high_ram"]);
        Assert.Contains("seed_ema", status.Silos.Single(s => s.Name == "live").Runners);
        Assert.All(status.Silos, s => Assert.True(s.Activations > 0));
    }

    [Fact]
    public async Task SetKillSwitch_OnAnotherAccount_StatusShowsLevelAndReason()
    {
        var set = await Run.Gateway.SetKillSwitchAsync(new SetKillSwitchRequest { Account = "ks_test", Level = KillSwitchLevel.Reducing, Reason = "api test" });
        var status = await Run.Gateway.GetGatewayStatusAsync(new GetGatewayStatusRequest { Account = "ks_test" });
        var missingReason = await Assert.ThrowsAsync<RpcException>(() => Run.Gateway.SetKillSwitchAsync(new SetKillSwitchRequest { Account = "ks_test", Level = KillSwitchLevel.Halted }).ResponseAsync);

        Assert.Equal(KillSwitchLevel.Reducing, set.KillSwitch);
        Assert.Equal(KillSwitchLevel.Reducing, status.KillSwitch);
        Assert.Equal("api test", status.KillSwitchReason);
        Assert.Equal(StatusCode.InvalidArgument, missingReason.StatusCode);
    }

    [Fact]
    public async Task SubmitBacktest_GeneratedData_CompletesOnTheDataSiloWithMetrics()
    {
        var submitted = await Run.Backtests.SubmitBacktestAsync(new SubmitBacktestRequest { Generate = { "BTCUSDT:5000:7" }, Specs = { "bt_ema:BTCUSDT:ema-cross" } });
        using var watch = Run.Backtests.WatchBacktest(new BacktestRequest { Id = submitted.Id });
        var progress = new List<BacktestProgress>();
        while (await watch.ResponseStream.MoveNext().WaitAsync(Eventually.Deadline))
        {
            progress.Add(watch.ResponseStream.Current);
        }

        var result = await Run.Backtests.GetBacktestResultAsync(new BacktestRequest { Id = submitted.Id });

        Assert.Equal(BacktestState.Completed, progress[^1].State);
        Assert.Equal("data", result.Silo);
        Assert.Equal(5000, result.Bars);
        Assert.Equal("bt_ema", Assert.Single(result.Runners).Id);
        Assert.Contains("\"runners\"", result.ReportJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetBacktestResult_UnknownId_NotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Run.Backtests.GetBacktestResultAsync(new BacktestRequest { Id = "bt-nope" }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("backtest 'bt-nope' does not exist", error.Status.Detail);
    }

    private Task<Runner> Get(string id) => Run.Runners.GetRunnerAsync(new RunnerRequest { Id = id }).ResponseAsync;
}
