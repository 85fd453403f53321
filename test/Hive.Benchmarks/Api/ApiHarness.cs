using System.Diagnostics;
using System.Globalization;
using System.Text;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Hive.Api;
using Hive.Api.Hosting;
using Hive.Api.V1;
using Hive.Grains.Feeds;
using Hive.Grains.Hosting;

namespace Hive.Benchmarks.Api;

/// <summary>
/// Measures the gRPC API of <c>hive run</c> as it is hosted there (the embedded three-silo cluster and the API's web
/// host in one process, h2c on loopback) with a .NET client (Grpc.Net.Client) in the same process: unary latency
/// (closed loop, one call at a time) and throughput (16 callers), for the health check (no grain call, no token),
/// <c>GetRunner</c> (registry and runner grains) and <c>GetGatewayStatus</c>; and the events per second one
/// <c>Watch</c> client receives from a runner with an event on every bar of a replay published as fast as the runner takes it.
/// Run: <c>dotnet run -c Release --project test/Hive.Benchmarks -- api [--quick]</c>.
/// </summary>
internal static class ApiHarness
{
    private const int Callers = 16;

    // An opportunity on one bar, cancelled on the next: a signal and a transition per bar, and no orders, so that the
    // runner is not held back by the gateway and a state write per fill and the watch is what is measured.
    private const string AnalyzeScript = """
        function detect_opportunity(market_data, context, indicators) return { reason = "bench" } end
        function filter_commitment(market_data, context, indicators) return { action = "cancel_analysis" } end
        function manage_position(market_data, context, indicators) return nil end
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var calls = quick ? 500 : 5_000;
        var throughputTime = TimeSpan.FromSeconds(quick ? 2 : 10);
        var watchTime = TimeSpan.FromSeconds(quick ? 3 : 15);
        var root = Path.Combine(Path.GetTempPath(), "hive-api-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        HivePlatformExtensions.EnsureLuaStrategies();
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, load average at start: {LoadAverage()}");
        try
        {
            await using var cluster = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions { DataDirectory = Path.Combine(root, "data") });
            const string token = "benchmark-token-0123456789";
            await using var server = await HiveApiServer.StartAsync(cluster.GrainFactory, new HiveApiEndpointOptions { Port = 0 }, o => o.Token = token,
                cluster.ServicesOf(EmbeddedCluster.ControlSiloName));
            using var channel = GrpcChannel.ForAddress(server.Address);
            var invoker = channel.Intercept(m =>
            {
                m.Add("authorization", "Bearer " + token);
                return m;
            });
            var runners = new RunnerService.RunnerServiceClient(invoker);
            var gateway = new GatewayService.GatewayServiceClient(invoker);
            var health = new Health.HealthClient(channel);
            var script = Path.Combine(root, "analyze.lua");
            await File.WriteAllTextAsync(script, AnalyzeScript);
            await runners.AddRunnersAsync(new AddRunnersRequest { Specs = { "bench_idle:ETHUSDT:ema-cross" } });

            report.AppendLine();
            report.AppendLine("| call | p50 µs | p99 µs | calls/s, 1 caller | calls/s, 16 callers |");
            report.AppendLine("|---|---:|---:|---:|---:|");
            report.AppendLine(await UnaryAsync("Health.Check (no token; the check asks the membership)", () => health.CheckAsync(new HealthCheckRequest()).ResponseAsync, calls, throughputTime));
            report.AppendLine(await UnaryAsync("RunnerService.GetRunner", () => runners.GetRunnerAsync(new RunnerRequest { Id = "bench_idle" }).ResponseAsync, calls, throughputTime));
            report.AppendLine(await UnaryAsync("GatewayService.GetGatewayStatus", () => gateway.GetGatewayStatusAsync(new GetGatewayStatusRequest()).ResponseAsync, calls, throughputTime));

            await runners.AddRunnersAsync(new AddRunnersRequest { Specs = { $"bench_watch:BTCUSDT:{script}" } });
            report.AppendLine();
            report.AppendLine(await WatchAsync(cluster, runners, watchTime, root));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }

        Console.WriteLine(report);
        return 0;
    }

    private static async Task<string> UnaryAsync<T>(string name, Func<Task<T>> call, int calls, TimeSpan throughputTime)
    {
        for (var i = 0; i < Math.Min(calls, 500); i++)
        {
            await call();
        }

        var samples = new double[calls];
        var all = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await call();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        var single = calls / all.Elapsed.TotalSeconds;
        Array.Sort(samples);
        long done = 0;
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(async _ =>
        {
            while (stop.Elapsed < throughputTime)
            {
                await call();
                Interlocked.Increment(ref done);
            }
        }));
        var parallel = done / stop.Elapsed.TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {samples[calls / 2]:0} | {samples[(int)(calls * 0.99)]:0} | {single:N0} | {parallel:N0} |");
    }

    private static async Task<string> WatchAsync(EmbeddedCluster cluster, RunnerService.RunnerServiceClient runners, TimeSpan duration, string root)
    {
        // A replay at full speed: bars as fast as the runner takes them (a simulated feed paces itself by timers).
        var klines = Path.Combine(root, "klines");
        Directory.CreateDirectory(klines);
        WriteKlines(Path.Combine(klines, "BTCUSDT-1m-2026-01.csv"), 500_000);

        using var cancel = new CancellationTokenSource();
        using var call = runners.Watch(new WatchRequest { Id = "bench_watch" }, cancellationToken: cancel.Token);
        var stream = call.ResponseStream;
        await stream.MoveNext(); // the snapshot: the runner's log now records

        // As fast as the runner takes the bars: every bar is an opportunity or its cancellation.
        await cluster.GrainFactory.GetGrain<IMarketFeedGrain>("BTCUSDT").StartAsync(
            new FeedDefinition("BTCUSDT", FeedSourceKind.Replay, Path: klines, Speed: 0));
        var before = await runners.GetRunnerAsync(new RunnerRequest { Id = "bench_watch" });
        long events = 0, gaps = 0;
        var clock = Stopwatch.StartNew();
        cancel.CancelAfter(duration);
        try
        {
            while (await stream.MoveNext(cancel.Token))
            {
                if (stream.Current.Kind == RunnerEventKind.Gap)
                {
                    gaps++;
                }
                else
                {
                    events++;
                }
            }
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled)
        {
            // The measurement's end.
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var after = await runners.GetRunnerAsync(new RunnerRequest { Id = "bench_watch" });
        await cluster.GrainFactory.GetGrain<IMarketFeedGrain>("BTCUSDT").StopAsync();
        var bars = after.BarsProcessed - before.BarsProcessed;
        return string.Create(CultureInfo.InvariantCulture,
            $"Watch, one client, {seconds:0.0} s: {events / seconds:N0} events/s received ({events:N0} events; {bars / seconds:N0} bars/s at the runner; {gaps} gap notices of dropped events)");
    }

    private static void WriteKlines(string path, int bars)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine("open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore");
        var start = 1_767_225_600_000L;
        for (var i = 0; i < bars; i++)
        {
            var open = 100 + (0.5 * (i % 11));
            var close = open + 0.25;
            var t = start + (i * 60_000L);
            writer.WriteLine(FormattableString.Invariant($"{t},{open},{close + 0.5},{open - 0.5},{close},10,{t + 59_999},1000,10,5,500,0"));
        }
    }

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
