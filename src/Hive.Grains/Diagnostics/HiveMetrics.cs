using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Hive.Trading.Market;

namespace Hive.Grains.Diagnostics;

/// <summary>
/// Hive's instruments on the meter <c>Hive.Grains</c>, beside Orleans' own <c>Microsoft.Orleans</c>. An exporter that
/// listens (the silo's <c>/metrics</c>) sees them under Prometheus names: <c>hive_market_events_total</c>,
/// <c>hive_tick_to_trade_duration_seconds</c>, <c>hive_orders_total</c>, <c>hive_runners</c>,
/// <c>hive_runner_errors_total</c>, <c>hive_stream_subscribers</c>, <c>hive_stream_delivery_duration_seconds</c> and
/// <c>hive_ledger_append_duration_seconds</c>. With nobody listening each record is one enabled-check.
/// </summary>
public static class HiveMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Hive.Grains";

    /// <summary>Upper bucket bounds, in seconds, for Hive's latency histograms: 5 µs to 5 s.</summary>
    public static readonly IReadOnlyList<double> LatencyBuckets =
        [0.000005, 0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private static readonly Meter Meter = new(MeterName);

    private static readonly ConcurrentDictionary<object, Func<string>> RunnerStates = new(ReferenceEqualityComparer.Instance);

    private static readonly ConcurrentDictionary<object, (string Stream, int Count)> StreamSubscribers = new(ReferenceEqualityComparer.Instance);

    private static readonly Counter<long> MarketEventCount = Meter.CreateCounter<long>(
        "hive.market.events", "{event}", "Market events a feed published onto its symbol's stream.");

    private static readonly Histogram<double> TickToTrade = Meter.CreateHistogram<double>(
        "hive.tick_to_trade.duration", "s", "From a runner receiving a market event to the gateway's answer to the order it caused.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });

    private static readonly Counter<long> Orders = Meter.CreateCounter<long>(
        "hive.orders", "{order}", "Orders the gateway answered, by account, outcome (filled, denied, fenced, rejected, pending) and denial reason.");

    private static readonly Counter<long> RunnerErrors = Meter.CreateCounter<long>(
        "hive.runner.errors", "{error}", "Strategy errors, by runner.");

    private static readonly Histogram<double> StreamDelivery = Meter.CreateHistogram<double>(
        "hive.stream.delivery.duration", "s", "From a feed's publication reaching the stream hub to every subscriber having taken the event.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });

    private static readonly Histogram<double> LedgerAppend = Meter.CreateHistogram<double>(
        "hive.ledger.append.duration", "s", "Time to make one ledger entry durable, by store (file, postgres).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });

    static HiveMetrics()
    {
        Meter.CreateObservableGauge("hive.runners", ObserveRunners, "{runner}", "Runner activations on this process, by state.");
        Meter.CreateObservableGauge("hive.stream.subscribers", ObserveSubscribers, "{subscriber}", "Subscribers of each market stream whose hub is on this process.");
    }

    /// <summary>A timestamp for the latency recorders, or 0 when no exporter listens to them.</summary>
    public static long Start() => TickToTrade.Enabled || StreamDelivery.Enabled || LedgerAppend.Enabled ? Stopwatch.GetTimestamp() : 0;

    /// <summary>Counts a published batch of market events; one enabled-check per batch, one add per run of one kind.</summary>
    public static void MarketEvents(string symbol, IReadOnlyList<MarketEvent> batch)
    {
        if (!MarketEventCount.Enabled)
        {
            return;
        }

        var start = 0;
        for (var i = 1; i <= batch.Count; i++)
        {
            if (i == batch.Count || batch[i].Kind != batch[start].Kind)
            {
                MarketEventCount.Add(i - start, new("symbol", symbol), new("kind", KindLabel(batch[start].Kind)));
                start = i;
            }
        }
    }

    /// <summary>Records the time since <paramref name="started"/> (from <see cref="Start"/>) as one tick-to-trade.</summary>
    public static void TickToTradeSince(long started, string symbol)
    {
        if (started != 0)
        {
            TickToTrade.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("symbol", symbol));
        }
    }

    /// <summary>Counts one order the gateway answered.</summary>
    public static void Order(string account, string outcome, string? reason = null)
    {
        if (Orders.Enabled)
        {
            Orders.Add(1, new("account", account), new("outcome", outcome), new("reason", reason ?? string.Empty));
        }
    }

    /// <summary>Counts one strategy error of <paramref name="runnerId"/>.</summary>
    public static void RunnerError(string runnerId) => RunnerErrors.Add(1, new KeyValuePair<string, object?>("runner", runnerId));

    /// <summary>Records one stream publication's delivery time.</summary>
    public static void StreamDeliverySince(long started, string stream)
    {
        if (started != 0)
        {
            StreamDelivery.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("stream", stream));
        }
    }

    /// <summary>Records one ledger append's time.</summary>
    public static void LedgerAppendSince(long started, string store)
    {
        if (started != 0)
        {
            LedgerAppend.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("store", store));
        }
    }

    /// <summary>Counts <paramref name="runner"/> (an activation) under the state <paramref name="state"/> reads, until <see cref="UntrackRunner"/>.</summary>
    public static void TrackRunner(object runner, Func<string> state) => RunnerStates[runner] = state;

    /// <summary>Stops counting <paramref name="runner"/>.</summary>
    public static void UntrackRunner(object runner) => RunnerStates.TryRemove(runner, out _);

    /// <summary>Sets the subscriber count a stream hub activation serves.</summary>
    public static void SetSubscribers(object hub, string stream, int count) => StreamSubscribers[hub] = (stream, count);

    /// <summary>Forgets a deactivated stream hub.</summary>
    public static void RemoveSubscribers(object hub) => StreamSubscribers.TryRemove(hub, out _);

    private static IEnumerable<Measurement<int>> ObserveRunners()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var state in RunnerStates.Values)
        {
            string name;
            try
            {
                name = state();
            }
            catch (Exception ex) when (ex is InvalidOperationException or NullReferenceException)
            {
                // Read off the activation's thread while it changes: counted, not lost.
                name = "unknown";
            }

            counts[name] = counts.GetValueOrDefault(name) + 1;
        }

        return counts.Select(c => new Measurement<int>(c.Value, new KeyValuePair<string, object?>("state", c.Key)));
    }

    private static IEnumerable<Measurement<int>> ObserveSubscribers() =>
        StreamSubscribers.Values
            .GroupBy(v => v.Stream, StringComparer.Ordinal)
            .Select(g => new Measurement<int>(g.Sum(v => v.Count), new KeyValuePair<string, object?>("stream", g.Key)));

    private static string KindLabel(MarketEventKind kind) => kind switch
    {
        MarketEventKind.Candle => "candle",
        MarketEventKind.Quote => "quote",
        MarketEventKind.Trade => "trade",
        MarketEventKind.Gap => "gap",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
