using System.Net;
using System.Text.Json;

namespace Hive.Dashboard.Tests.Http;

/// <summary>The control actions through the dashboard, as a logged-in page sends them.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ActionTests(DashboardRunFixture fixture)
{
    private DashboardRun Run => fixture.Run;

    [Fact]
    public async Task Pause_Post_PausesTheRunnerAndResumeRestoresIt()
    {
        using var sut = new DashboardHttp(Run.Address);
        await sut.LoginToAsync(Run.Token);

        using var pause = await sut.PostAsync("/api/runners/eth_ema/pause");

        Assert.Equal(HttpStatusCode.OK, pause.StatusCode);
        var paused = await sut.JsonAsync("/api/runners/eth_ema");
        Assert.Equal("RUNNER_HEALTH_PAUSED", paused.GetProperty("runner").GetProperty("health").GetString());
        Assert.Equal("RUNNER_STATE_STOPPED", paused.GetProperty("runner").GetProperty("state").GetString());

        using var resume = await sut.PostAsync("/api/runners/eth_ema/resume");
        Assert.Equal(HttpStatusCode.OK, resume.StatusCode);
        var resumed = await sut.JsonAsync("/api/runners/eth_ema");
        Assert.NotEqual("RUNNER_HEALTH_PAUSED", resumed.GetProperty("runner").GetProperty("health").GetString());
        Assert.NotEqual("RUNNER_STATE_STOPPED", resumed.GetProperty("runner").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Restart_BearerToken_NeedsNoAntiforgery()
    {
        // A script's request carries its token in a header no forged cross-site request can have.
        using var sut = new DashboardHttp(Run.Address);
        sut.UseBearer(Run.Token);

        using var restart = await sut.PostAsync("/api/runners/eth_ema/restart", withAntiforgery: false);

        Assert.Equal(HttpStatusCode.OK, restart.StatusCode);
        var runner = JsonDocument.Parse(await restart.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("eth_ema", runner.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Pause_UnknownRunner_Returns404NamingIt()
    {
        using var sut = new DashboardHttp(Run.Address);
        await sut.LoginToAsync(Run.Token);

        using var response = await sut.PostAsync("/api/runners/ghost_runner/pause");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("ghost_runner", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KillSwitch_EngageThenRelease_ChangesTheGateway()
    {
        using var sut = new DashboardHttp(Run.Address);
        await sut.LoginToAsync(Run.Token, "/gateway");

        try
        {
            using var engage = await sut.PostAsync("/api/gateway/kill-switch", new { engaged = true, reason = "dashboard test" });
            Assert.Equal(HttpStatusCode.OK, engage.StatusCode);
            var engaged = await sut.JsonAsync("/api/gateway");
            Assert.Equal("KILL_SWITCH_LEVEL_HALTED", engaged.GetProperty("killSwitch").GetString());
            Assert.Equal("dashboard test", engaged.GetProperty("killSwitchReason").GetString());
        }
        finally
        {
            using var release = await sut.PostAsync("/api/gateway/kill-switch", new { engaged = false });
            Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        }

        var released = await sut.JsonAsync("/api/gateway");
        Assert.Equal("KILL_SWITCH_LEVEL_OFF", released.GetProperty("killSwitch").GetString());
    }

    [Fact]
    public async Task Backtest_Submit_CompletesWithAReportOfTradesAndEquity()
    {
        using var sut = new DashboardHttp(Run.Address);
        await sut.LoginToAsync(Run.Token, "/backtests");

        using var submit = await sut.PostAsync("/api/backtests", new { generate = "BTCUSDT:3000:7", runner = "bt_ema:BTCUSDT:ema-cross" });

        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        var id = JsonDocument.Parse(await submit.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        Assert.Contains((await sut.JsonAsync("/api/backtests")).GetProperty("backtests").EnumerateArray(), b => b.GetProperty("id").GetString() == id);
        JsonElement backtest = default;
        await Wait.UntilAsync(async () =>
        {
            backtest = await sut.JsonAsync($"/api/backtests/{id}");
            return backtest.GetProperty("progress").GetProperty("state").GetString() != "BACKTEST_STATE_RUNNING";
        }, $"backtest {id} finished", TimeSpan.FromMinutes(1));

        Assert.Equal("BACKTEST_STATE_COMPLETED", backtest.GetProperty("progress").GetProperty("state").GetString());
        Assert.Equal("3000", backtest.GetProperty("progress").GetProperty("barsProcessed").GetString());
        var report = backtest.GetProperty("report");
        var runner = Assert.Single(report.GetProperty("runners").EnumerateArray());
        Assert.Equal("bt_ema", runner.GetProperty("runnerId").GetString());
        Assert.Equal(runner.GetProperty("metrics").GetProperty("tradeCount").GetInt32(), runner.GetProperty("trades").GetArrayLength());
        Assert.True(runner.GetProperty("trades").GetArrayLength() > 0);
        Assert.True(report.GetProperty("totalEquity").GetProperty("equity").GetArrayLength() > 1);
    }

    [Fact]
    public async Task Backtest_BadRunnerSpec_Returns400NamingTheSpec()
    {
        using var sut = new DashboardHttp(Run.Address);
        await sut.LoginToAsync(Run.Token, "/backtests");

        using var response = await sut.PostAsync("/api/backtests", new { generate = "BTCUSDT:100:1", runner = "not a spec" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not a spec", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrleansDashboard_LoggedIn_ServesItsPageAndCounters()
    {
        using var sut = new DashboardHttp(Run.Address);
        await sut.LoginToAsync(Run.Token, "/");

        using var page = await sut.GetAsync("/dashboard/");
        var counters = await sut.JsonAsync("/dashboard/DashboardCounters");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(3, counters.GetProperty("hosts").EnumerateArray().Count(static h => h.GetProperty("status").GetString() == "Active"));
    }
}
