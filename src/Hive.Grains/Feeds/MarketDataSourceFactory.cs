using Hive.Binance;
using Hive.Binance.Streams;
using Hive.Trading.History;
using Hive.Trading.Market;
using Hive.Trading.Market.Sources;

namespace Hive.Grains.Feeds;

/// <summary>
/// Builds the <see cref="IMarketDataSource"/> of a feed definition. A source that resumes after
/// <c>resumeAfter</c> (the event time already published) starts right after it: a replay drops the candles already
/// published, a simulated walk continues from the last price at the next bar.
/// </summary>
internal sealed class MarketDataSourceFactory(TimeProvider time)
{
    private const long DefaultIntervalMs = 60_000;

    public IMarketDataSource Create(FeedDefinition definition, long resumeAfter, double lastPrice)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.Source switch
        {
            FeedSourceKind.Simulated => Simulated(definition, resumeAfter, lastPrice),
            FeedSourceKind.Replay => Replay(definition, resumeAfter),
            FeedSourceKind.Binance => Binance(definition),
            _ => throw new ArgumentException($"Feed {definition.Symbol}: unknown source {definition.Source}."),
        };
    }

    // Live data does not resume: a restarted feed publishes from now on, and its first event after a reconnect is a gap.
    private BinanceMarketDataSource Binance(FeedDefinition definition)
    {
        var options = BinanceOptions.Production();
        if (definition.BaseUrl is { } url)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("ws" or "wss"))
            {
                throw new ArgumentException($"Feed {definition.Symbol}: the Binance stream URL must be ws:// or wss://, got '{url}'.");
            }

            options.StreamBaseUrl = uri;
        }

        var interval = definition.Interval is { } span ? IntervalName(definition.Symbol, span) : "1m";
        return new BinanceMarketDataSource(
            [definition.Symbol], options, interval, includeQuotes: true, includeTrades: true,
            closedCandlesOnly: !definition.IncludeFormingCandles, timeProvider: time);
    }

    private static string IntervalName(string symbol, TimeSpan interval)
    {
        var ms = (long)interval.TotalMilliseconds;
        foreach (var name in BinanceIntervals.All)
        {
            if (name != "1M" && BinanceIntervals.Milliseconds(name) == ms)
            {
                return name;
            }
        }

        throw new ArgumentException($"Feed {symbol}: {interval} is not a Binance kline interval ({string.Join(", ", BinanceIntervals.All)}).");
    }

    private RandomWalkMarketDataSource Simulated(FeedDefinition definition, long resumeAfter, double lastPrice)
    {
        var interval = definition.Interval is { } span ? (long)span.TotalMilliseconds : DefaultIntervalMs;
        var options = new RandomWalkOptions
        {
            Seed = definition.Seed,
            IntervalMs = interval,
            Bars = null,
            Speed = definition.Speed,
        };
        if (resumeAfter > 0 && lastPrice > 0)
        {
            // Continue the walk after the last bar published instead of replaying the same bars again.
            options = options with { StartTime = resumeAfter + 1, StartPrice = lastPrice, Seed = unchecked(definition.Seed + (int)(resumeAfter / interval)) };
        }

        try
        {
            return new RandomWalkMarketDataSource([definition.Symbol], options, time);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"Feed {definition.Symbol}: {ex.Message}", ex);
        }
    }

    private ReplayMarketDataSource Replay(FeedDefinition definition, long resumeAfter)
    {
        if (string.IsNullOrWhiteSpace(definition.Path))
        {
            throw new ArgumentException($"Feed {definition.Symbol}: a replay feed needs a path to a candle file or folder.");
        }

        Candle[] candles;
        try
        {
            if (Directory.Exists(definition.Path))
            {
                var series = CandleHistory.LoadFolder(definition.Path);
                var match = series.FirstOrDefault(s => string.Equals(s.Symbol, definition.Symbol, StringComparison.Ordinal))
                    ?? throw new ArgumentException(
                        $"Feed {definition.Symbol}: the folder {definition.Path} holds no {definition.Symbol} candles (it holds {(series.Count == 0 ? "none" : string.Join(", ", series.Select(s => s.Symbol)))}).");
                candles = match.Candles as Candle[] ?? [.. match.Candles];
            }
            else if (File.Exists(definition.Path))
            {
                candles = CandleHistory.LoadFile(definition.Path, definition.Symbol);
            }
            else
            {
                throw new ArgumentException($"Feed {definition.Symbol}: no such candle file or folder: {definition.Path}.");
            }
        }
        catch (InvalidDataException ex)
        {
            throw new ArgumentException($"Feed {definition.Symbol}: {ex.Message}", ex);
        }

        if (resumeAfter > 0)
        {
            candles = [.. candles.Where(c => c.CloseTime > resumeAfter)];
        }

        return new ReplayMarketDataSource(new Dictionary<string, IReadOnlyList<Candle>> { [definition.Symbol] = candles }, definition.Speed, time);
    }
}
