using System.Text.Json;

namespace Hive.Dashboard.Tests.Http;

/// <summary>The views' JSON holds what the trading run really does: silos, runners that trade, feeds, a chart, the gateway.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ViewTests(DashboardRunFixture fixture)
{
    private static readonly TimeSpan TradingDeadline = TimeSpan.FromMinutes(1);

    private DashboardRun Run => fixture.Run;

    [Fact]
    public async Task Overview_ThreeSilos_HaveTheirRolesStatusAndActivations()
    {
        using var sut = Bearer();

        var cluster = await sut.JsonAsync("/api/overview");

        var silos = cluster.GetProperty("silos").EnumerateArray().ToArray();
        Assert.Equal(["control", "data", "live"], silos.Select(static s => s.GetProperty("role").GetString()).Order(StringComparer.Ordinal));
        Assert.All(silos, static s => Assert.Equal("Active", s.GetProperty("status").GetString()));
        Assert.All(silos, static s => Assert.True(s.GetProperty("activations").GetInt32() > 0));
        Assert.All(silos, static s => Assert.True(long.Parse(s.GetProperty("memoryBytes").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > 0));
        var live = silos.Single(static s => s.GetProperty("role").GetString() == "live");
        Assert.Equal("true", live.GetProperty("tags").GetProperty("low_latency").GetString());
        Assert.Contains("btc_alt", live.GetProperty("runners").EnumerateArray().Select(static r => r.GetString()));
    }

    [Fact]
    public async Task Runners_TradingRun_ShowFillsTradesAndPnl()
    {
        using var sut = Bearer();

        JsonElement runner = default;
        await Wait.UntilAsync(async () =>
        {
            runner = (await sut.JsonAsync("/api/runners")).GetProperty("runners").EnumerateArray().Single(static r => r.GetProperty("id").GetString() == "btc_alt");
            return runner.GetProperty("trades").GetInt32() >= 2;
        }, "btc_alt closed two trades", TradingDeadline);

        Assert.Equal("BTCUSDT", runner.GetProperty("symbol").GetString());
        Assert.EndsWith("alternating.lua", runner.GetProperty("strategy").GetString(), StringComparison.Ordinal);
        Assert.True(runner.GetProperty("ordersFilled").GetInt32() >= 4);
        Assert.NotEqual(0m, decimal.Parse(runner.GetProperty("realizedPnl").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.StartsWith("RUNNER_STATE_", runner.GetProperty("state").GetString(), StringComparison.Ordinal);
        Assert.Equal("live", runner.GetProperty("silo").GetString());
        Assert.True(long.Parse(runner.GetProperty("startedAtMs").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task Runner_TradingRun_ChartHasCandlesEquityAndEntryExitMarkers()
    {
        using var sut = Bearer();

        JsonElement chart = default;
        await Wait.UntilAsync(async () =>
        {
            chart = (await sut.JsonAsync("/api/runners/btc_alt")).GetProperty("chart");
            var kinds = chart.GetProperty("markers").EnumerateArray().Select(static m => m.GetProperty("kind").GetString()).ToHashSet();
            return chart.GetProperty("candles").GetArrayLength() >= 10 && kinds.Contains("entry") && kinds.Contains("exit");
        }, "btc_alt's chart has ten candles, an entry and an exit", TradingDeadline);

        var candles = chart.GetProperty("candles").EnumerateArray().ToArray();
        Assert.Equal(candles.Length, chart.GetProperty("equity").GetArrayLength());
        var times = candles.Select(static c => c.GetProperty("time").GetInt64()).ToArray();
        Assert.Equal(times.Order(), times);
        Assert.Equal(times.Length, times.Distinct().Count());
        Assert.All(candles, static c => Assert.InRange(c.GetProperty("close").GetDouble(), c.GetProperty("low").GetDouble(), c.GetProperty("high").GetDouble()));
        Assert.True(candles.Length <= 500, "the chart buffer is bounded");
        var sequences = chart.GetProperty("markers").EnumerateArray().Select(static m => m.GetProperty("sequence").GetInt64()).ToArray();
        Assert.Equal(sequences.Order(), sequences);
    }

    [Fact]
    public async Task Feeds_TradingRun_PublishWithARateAndSubscribers()
    {
        using var sut = Bearer();

        JsonElement btc = default;
        await Wait.UntilAsync(async () =>
        {
            btc = (await sut.JsonAsync("/api/feeds")).GetProperty("feeds").EnumerateArray().Single(static f => f.GetProperty("symbol").GetString() == "BTCUSDT");
            return btc.GetProperty("eventsPerSecond").GetDouble() > 0;
        }, "the BTCUSDT feed publishes", TradingDeadline);

        Assert.True(btc.GetProperty("running").GetBoolean());
        Assert.Equal(1, btc.GetProperty("runners").GetInt32());
        Assert.True(long.Parse(btc.GetProperty("eventsPublished").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task Gateway_TradingRun_HasEveryRunnersDeploymentAndFills()
    {
        using var sut = Bearer();

        var gateway = await sut.JsonAsync("/api/gateway");

        Assert.Equal("paper", gateway.GetProperty("account").GetString());
        var deployments = gateway.GetProperty("deployments").EnumerateArray().ToArray();
        Assert.Contains(deployments, static d => d.GetProperty("runnerId").GetString() == "btc_alt" && long.Parse(d.GetProperty("epoch").GetString()!, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Contains(deployments, static d => d.GetProperty("runnerId").GetString() == "eth_ema");
    }

    [Fact]
    public async Task Runner_UnknownId_Returns404NamingIt()
    {
        using var sut = Bearer();

        using var response = await sut.GetAsync("/api/runners/no_such_runner");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("no_such_runner", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private DashboardHttp Bearer()
    {
        var http = new DashboardHttp(Run.Address);
        http.UseBearer(Run.Token);
        return http;
    }
}
