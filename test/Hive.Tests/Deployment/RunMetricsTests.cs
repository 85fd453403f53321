using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Hive.Commands;
using Hive.Commands.Run;
using Hive.Grains.Hosting;
using Hive.Testing;
using Hive.Trading.Strategies;
using Spectre.Console;

namespace Hive.Tests.Deployment;

/// <summary>A scrape of a running <c>hive run</c>: health answers, and ticks, orders and Orleans' series are there with their types.</summary>
public sealed partial class RunMetricsTests : IDisposable
{
    private const string AlternatingScript = """
        function detect_opportunity(market_data, context, indicators) return {} end
        function filter_commitment(market_data, context, indicators) return { action = "enter_long", quantity = 1 } end
        function manage_position(market_data, context, indicators) return { action = "exit" } end
        """;

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly string _root = Path.Combine(Path.GetTempPath(), "hive-metrics-" + Guid.NewGuid().ToString("N"));

    public RunMetricsTests()
    {
        HivePlatformExtensions.EnsureLuaStrategies();
        Directory.CreateDirectory(_root);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Run_Scrape_HealthReadyAndTickOrderAndOrleansSeriesWithTheirTypes()
    {
        File.WriteAllText(Path.Combine(_root, "alternating.lua"), AlternatingScript);
        var runners = Path.Combine(_root, "runners.yaml");
        File.WriteAllText(runners, """
            runners:
              - id: btc_alt
                symbol: BTCUSDT
                strategy: alternating.lua
            """);
        var dataDir = Path.Combine(_root, "data");
        using var stop = new CancellationTokenSource();
        var run = RunAsync(stop.Token, "--runners", runners, "--data-dir", dataDir, "--duration", "5m", "--speed", "60000");
        try
        {
            var endpoint = Path.Combine(dataDir, "http-endpoint");
            await Wait.UntilAsync(() => File.Exists(endpoint) || run.IsCompleted, "hive run serves HTTP", TimeSpan.FromMinutes(2));
            Assert.False(run.IsCompleted, "hive run ended before serving its HTTP endpoints");
            var address = new Uri(File.ReadAllText(endpoint).Trim());

            var ready = await Http.GetAsync(new Uri(address, "health/ready"));
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

            // /metrics wants the API token (Authorization: Bearer), as the dashboard does.
            var token = File.ReadAllText(Path.Combine(dataDir, "api-token")).Trim();
            using (var anonymous = await Http.GetAsync(new Uri(address, "metrics")))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            }

            string metrics = "";
            await Wait.UntilAsync(async () =>
            {
                using var scrape = new HttpRequestMessage(HttpMethod.Get, new Uri(address, "metrics"));
                scrape.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                using var response = await Http.SendAsync(scrape);
                metrics = await response.Content.ReadAsStringAsync();
                return Sum(metrics, "hive_orders_total", "outcome=\"filled\"") > 0 && Sum(metrics, "hive_market_events_total", "symbol=\"BTCUSDT\"") > 0;
            }, "a filled order and BTCUSDT ticks show in /metrics", TimeSpan.FromMinutes(2));

            Assert.Contains("# TYPE hive_market_events_total counter", metrics, StringComparison.Ordinal);
            Assert.Contains("# TYPE hive_orders_total counter", metrics, StringComparison.Ordinal);
            Assert.Contains("# TYPE hive_tick_to_trade_duration_seconds histogram", metrics, StringComparison.Ordinal);
            Assert.True(Sum(metrics, "hive_tick_to_trade_duration_seconds_count", "symbol=\"BTCUSDT\"") > 0);
            Assert.Contains("# TYPE hive_runners gauge", metrics, StringComparison.Ordinal);
            Assert.Contains("# TYPE hive_stream_subscribers gauge", metrics, StringComparison.Ordinal);
            Assert.Contains("# TYPE hive_lua_call_duration_seconds histogram", metrics, StringComparison.Ordinal);
            Assert.Contains("# TYPE orleans_catalog_activations gauge", metrics, StringComparison.Ordinal);
            Assert.True(Sum(metrics, "orleans_catalog_activations", "") > 0);
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromMinutes(2));
        }

        Assert.False(File.Exists(Path.Combine(dataDir, "http-endpoint")), "the endpoint file outlived the run");
    }

    // The sum of the samples of one metric (exact name, no suffix) whose labels contain the filter.
    private static double Sum(string metrics, string name, string labels) =>
        Sample().Matches(metrics)
            .Where(m => m.Groups["name"].Value == name && m.Groups["labels"].Value.Contains(labels, StringComparison.Ordinal))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    private static async Task<int> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(TextWriter.Null),
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.No,
        });
        var root = new RootCommand();
        root.Subcommands.Add(RunCommand.Create(console, StrategyCatalog.Default));
        return await root.Parse(["run", .. args]).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, cancellationToken);
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{(?<labels>[^}]*)\})? (?<value>[-+0-9.eE]+|NaN)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
