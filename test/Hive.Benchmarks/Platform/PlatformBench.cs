using System.Diagnostics;
using System.Globalization;
using Hive.Grains.Feeds;
using Hive.Grains.Gateway;
using Hive.Grains.Hosting;
using Hive.Grains.Ledger;
using Hive.Grains.Runners;
using Hive.Trading.Market;
using Hive.Trading.Market.Sources;
using Hive.Trading.Strategies;
using Orleans;
using Orleans.Streams;

namespace Hive.Benchmarks.Platform;

/// <summary>
/// One live Orleans silo (<see cref="BenchSilo"/>) with the platform grains (runners, gateway with fencing and account risk, paper broker, in-memory
/// ledger and state), <c>N</c> runners on one symbol, and the symbol's stream: <see cref="PublishAsync"/> puts one
/// closed candle on <c>market/SYMBOL</c> from a grain of the silo (as the feed grain does) and completes when every runner handled it, its order (if any) went through
/// the gateway, was filled by the paper broker, booked, recorded in the ledger and the runner's state persisted.
/// </summary>
internal sealed class PlatformBench : IAsyncDisposable
{
    public const string Symbol = "BTCUSDT";
    private const int CandleCount = 50_000;
    private const decimal BenchEquity = 1_000_000_000m;

    private readonly BenchSilo _silo;
    private readonly IBenchFeedGrain _feed;
    private readonly Candle[] _candles;
    private readonly long[] _latencies = new long[200_000];
    private long _published;

    private PlatformBench(BenchSilo silo, IBenchFeedGrain feed, string scriptPath)
    {
        _silo = silo;
        _feed = feed;
        ScriptPath = scriptPath;
        _candles = RandomWalkMarketDataSource.GenerateCandles(Symbol, CandleCount, new RandomWalkOptions { Seed = 7, Bars = CandleCount });
    }

    public string ScriptPath { get; }

    public IRunnerRegistryGrain Registry => _silo.Grains.GetGrain<IRunnerRegistryGrain>(IRunnerRegistryGrain.DefaultKey);

    public static async Task<PlatformBench> StartAsync(string strategy, int runners)
    {
        StrategyCatalog.Default.Register(AlternatingStrategy.Descriptor);
        StrategyCatalog.Default.Register(QuietStrategy.Descriptor);
        HivePlatformExtensions.EnsureLuaStrategies();
        var script = Path.Combine(Path.GetTempPath(), $"hive-bench-alternate-{Environment.ProcessId}.lua");
        await File.WriteAllTextAsync(script, AlternatingStrategy.LuaScript);

        var ledger = new InMemoryLedger();
        var broker = new PaperBroker();
        var silo = await BenchSilo.StartAsync(ledger, broker);
        var bench = new PlatformBench(silo, silo.Grains.GetGrain<IBenchFeedGrain>(Symbol), script);
        var name = strategy switch
        {
            "lua" => script,
            "compiled" => AlternatingStrategy.Name,
            _ => strategy,
        };
        for (var i = 0; i < runners; i++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"bench_{i}");
            // Equity large enough that hundreds of thousands of round trips' fees never exhaust the buying power.
            await bench.Registry.AddRunnerAsync(new RunnerDefinition(id, Symbol, name, new Dictionary<string, string>(), Quantity: 1, InitialEquity: BenchEquity));
        }

        return bench;
    }

    /// <summary>Publishes the next candle and records how long until every runner handled it.</summary>
    public async Task PublishAsync()
    {
        var index = _published++;
        // Event time keeps rising when the candles wrap around: runners skip events older than what they processed.
        var candle = _candles[index % CandleCount];
        if (index >= CandleCount)
        {
            var shift = index / CandleCount * CandleCount * 60_000L;
            candle = candle with { OpenTime = candle.OpenTime + shift, CloseTime = candle.CloseTime + shift };
        }

        // The latency is measured inside the publishing grain, as the feed grain publishes.
        var latencies = await _feed.PublishAsync([candle]);
        _latencies[index % _latencies.Length] = latencies[0];
    }

    /// <summary>
    /// Percentiles of the last recorded ticks, split by the runners' cycle (opportunity, entry, exit): the entry and exit
    /// ticks send an order each, the opportunity tick does not.
    /// </summary>
    public string Report(string label)
    {
        var count = (int)Math.Min(_published, _latencies.Length);
        var first = _published - count;
        var orders = new List<double>(count);
        var quiet = new List<double>(count / 3 + 1);
        for (var i = 0; i < count; i++)
        {
            var tick = first + i;
            var micros = _latencies[tick % _latencies.Length] * 1_000_000.0 / Stopwatch.Frequency;
            (tick % 3 == 0 ? quiet : orders).Add(micros);
        }

        orders.Sort();
        quiet.Sort();
        return string.Create(CultureInfo.InvariantCulture,
            $"{label}: {count} ticks; order ticks p50 {Percentile(orders, 0.50):0.0} us, p90 {Percentile(orders, 0.90):0.0} us, p99 {Percentile(orders, 0.99):0.0} us; no-order ticks p50 {Percentile(quiet, 0.50):0.0} us, p99 {Percentile(quiet, 0.99):0.0} us");
    }

    public async Task<string> CheckAsync()
    {
        var statuses = await Registry.HealthCheckAsync();
        var filled = statuses.Sum(s => (long)s.OrdersFilled);
        var expected = _published / 3 * 2 * statuses.Count;
        return string.Create(CultureInfo.InvariantCulture,
            $"{statuses.Count} runners, {_published} ticks, {filled} orders filled (expected about {expected}), states {string.Join(",", statuses.Select(s => s.State).Distinct())}");
    }

    public async ValueTask DisposeAsync()
    {
        await _silo.DisposeAsync();
        File.Delete(ScriptPath);
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
}
