using System.Diagnostics;
using System.Globalization;
using System.Text;
using Hive.Grains.Streaming;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hive.Benchmarks.Streams;

/// <summary>
/// Measures stream delivery in one silo: the "market" push provider against Orleans' memory streams (100 ms and 1 ms
/// poll), for 1, 10 and 50 subscribers: publish-to-every-subscriber latency (closed loop: one event at a time; for
/// memory streams after a random pause within the poll period, so events meet the poller at random phases),
/// events/s (open loop), allocated bytes per event, and the idle CPU of the silo with the subscribers attached.
/// A hand-written parallel awaited fan-out to the same grains is the baseline for what Orleans' calls cost.
/// Run: <c>dotnet run -c Release --project test/Hive.Benchmarks -- streams [--quick]</c>.
/// </summary>
internal static class StreamDeliveryHarness
{
    private const string Provider = "market";
    private static readonly int[] SubscriberCounts = [1, 10, 50];

    // Lets start-up work (tiered JIT, the first membership rounds) end before the idle CPU is measured.
    private static readonly TimeSpan IdleSettle = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var idle = TimeSpan.FromSeconds(quick ? 2 : 10);
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, load average at start: {LoadAverage()}");
        report.AppendLine("| provider | subscribers | p50 µs | p99 µs | events/s | deliveries/s | bytes/event |");
        report.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        var idleRows = new List<string>();

        Scenario[] scenarios =
        [
            new("no stream provider (idle baseline)", Kind: null, TimeSpan.Zero, 0, 0),
            new("market (push)", "market", TimeSpan.Zero, LatencyEvents: quick ? 500 : 5_000, ThroughputEvents: quick ? 2_000 : 20_000),
            new("memory, 100 ms poll", "memory", TimeSpan.FromMilliseconds(100), LatencyEvents: quick ? 10 : 40, ThroughputEvents: quick ? 1_000 : 10_000),
            new("memory, 1 ms poll", "memory", TimeSpan.FromMilliseconds(1), LatencyEvents: quick ? 100 : 500, ThroughputEvents: quick ? 1_000 : 10_000),
        ];

        var port = 11_011;
        foreach (var scenario in scenarios)
        {
            using var host = await StartSiloAsync(scenario, port);
            port += 100;
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var producer = grains.GetGrain<IStreamBenchGrain>(0);
            // Every subscriber set is attached first, so the idle measure sees the silo as it will run.
            var sets = new List<(int Subscribers, string Symbol, long First)>();
            long nextSubscriber = 1;
            foreach (var subscribers in scenario.Kind is null ? [] : SubscriberCounts)
            {
                var symbol = $"{scenario.Kind}-{subscribers}";
                sets.Add((subscribers, symbol, nextSubscriber));
                for (var s = 0; s < subscribers; s++)
                {
                    await grains.GetGrain<IStreamBenchGrain>(nextSubscriber++).Subscribe(Provider, symbol);
                }
            }

            await Task.Delay(IdleSettle);
            idleRows.Add(await MeasureIdleAsync(scenario.Name, (int)(nextSubscriber - 1), idle));
            foreach (var (subscribers, symbol, first) in sets)
            {
                report.AppendLine(await MeasureAsync(
                    scenario.Name,
                    subscribers,
                    scenario,
                    () => producer.PublishClosedLoop(Provider, symbol, scenario.LatencyEvents, subscribers, scenario.PollPeriod),
                    () => producer.PublishOpenLoop(Provider, symbol, scenario.ThroughputEvents, subscribers)));
                if (scenario.Kind == "market")
                {
                    report.AppendLine(await MeasureAsync(
                        "direct awaited fan-out (baseline)",
                        subscribers,
                        scenario,
                        () => producer.DirectFanOut(first, subscribers, scenario.LatencyEvents),
                        () => producer.DirectFanOut(first, subscribers, scenario.ThroughputEvents)));
                }
            }

            await host.StopAsync();
        }

        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"| idle silo ({idle.TotalSeconds:0} s, no events) | subscribers attached | CPU % of one core |");
        report.AppendLine("|---|---:|---:|");
        foreach (var row in idleRows)
        {
            report.AppendLine(row);
        }

        Console.WriteLine(report.ToString());
        return 0;
    }

    private static async Task<string> MeasureAsync(string name, int subscribers, Scenario scenario, Func<Task> latencyRun, Func<Task> throughputRun)
    {
        // The closed loop gives the latency; the first tenth of it warms up.
        DeliveryRecorder.Reset(scenario.LatencyEvents);
        await latencyRun();
        var latencies = DeliveryRecorder.LatenciesMicroseconds(scenario.LatencyEvents / 10, scenario.LatencyEvents);
        Array.Sort(latencies);

        DeliveryRecorder.Reset(0);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        await throughputRun();
        var elapsed = Stopwatch.GetElapsedTime(started);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var eventsPerSecond = scenario.ThroughputEvents / elapsed.TotalSeconds;

        return string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {subscribers} | {Percentile(latencies, 0.50):0.0} | {Percentile(latencies, 0.99):0.0} | {eventsPerSecond:0} | {eventsPerSecond * subscribers:0} | {allocated / (double)scenario.ThroughputEvents:0} |");
    }

    private static async Task<string> MeasureIdleAsync(string name, int subscribers, TimeSpan period)
    {
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        await Task.Delay(period);
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var wall = Stopwatch.GetElapsedTime(started);
        return string.Create(CultureInfo.InvariantCulture, $"| {name} | {subscribers} | {100 * cpu.TotalMilliseconds / wall.TotalMilliseconds:0.00} |");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private static async Task<IHost> StartSiloAsync(Scenario scenario, int port)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([new(HiveMarketStreamOptions.ProviderConfigurationKey, scenario.Kind ?? "market")]);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort: port, gatewayPort: port + 1);
            silo.AddMemoryGrainStorage(HiveMarketStreamOptions.DefaultStorageName);
            if (scenario.Kind is not null)
            {
                silo.AddHiveMarketStreams(Provider, o => o.MemoryPollPeriod = scenario.Kind == "memory" ? scenario.PollPeriod : o.MemoryPollPeriod);
            }
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private sealed record Scenario(string Name, string? Kind, TimeSpan PollPeriod, int LatencyEvents, int ThroughputEvents);
}
