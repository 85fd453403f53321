using System.Runtime.CompilerServices;
using Hive.Binance.Rest;
using Hive.Trading.Market;

namespace Hive.Binance.Streams;

/// <summary>
/// Live Binance market data as an <see cref="IMarketDataSource"/>, so runners read exchange data the same way they
/// read a replay: closed candles of one interval per symbol, optionally best bid/ask quotes and trades, and a
/// <see cref="MarketEventKind.Gap"/> event whenever data may have been lost (a reconnect).
/// </summary>
public sealed class BinanceMarketDataSource : IMarketDataSource
{
    private readonly BinanceOptions _options;
    private readonly TimeProvider? _time;
    private readonly string[] _symbols;

    /// <summary>Creates the source; nothing connects before <see cref="ReadAsync"/>.</summary>
    /// <param name="symbols">Symbols, any case.</param>
    /// <param name="options">URLs and connection settings.</param>
    /// <param name="interval">Kline interval, for example <c>1m</c>.</param>
    /// <param name="includeQuotes">Subscribe <c>bookTicker</c> and publish quotes.</param>
    /// <param name="includeTrades">Subscribe <c>trade</c> and publish trades.</param>
    /// <param name="closedCandlesOnly">Publish only closed candles (runners work on finished bars).</param>
    /// <param name="timeProvider">Clock; the system clock when <c>null</c>.</param>
    public BinanceMarketDataSource(
        IEnumerable<string> symbols,
        BinanceOptions options,
        string interval = "1m",
        bool includeQuotes = false,
        bool includeTrades = false,
        bool closedCandlesOnly = true,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(interval);
        _symbols = symbols.Select(s => s.ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToArray();
        if (_symbols.Length == 0)
        {
            throw new ArgumentException("at least one symbol is needed", nameof(symbols));
        }

        if (!BinanceIntervals.IsValid(interval))
        {
            throw new ArgumentException($"'{interval}' is not a Binance kline interval ({string.Join(", ", BinanceIntervals.All)})", nameof(interval));
        }

        _options = options;
        _time = timeProvider;
        Interval = interval;
        IncludeQuotes = includeQuotes;
        IncludeTrades = includeTrades;
        ClosedCandlesOnly = closedCandlesOnly;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Symbols => _symbols;

    /// <summary>Kline interval.</summary>
    public string Interval { get; }

    /// <summary>Whether quotes are published.</summary>
    public bool IncludeQuotes { get; }

    /// <summary>Whether trades are published.</summary>
    public bool IncludeTrades { get; }

    /// <summary>Whether forming candles are filtered out.</summary>
    public bool ClosedCandlesOnly { get; }

    /// <summary>The stream names this source subscribes.</summary>
    public IReadOnlyList<string> StreamNames()
    {
        var names = new List<string>();
        foreach (var symbol in _symbols)
        {
            names.Add(BinanceStreamNames.Kline(symbol, Interval));
            if (IncludeQuotes)
            {
                names.Add(BinanceStreamNames.BookTicker(symbol));
            }

            if (IncludeTrades)
            {
                names.Add(BinanceStreamNames.Trade(symbol));
            }
        }

        return names;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<MarketEvent> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var stream = new BinanceMarketStream(StreamNames(), _options, (BinanceRestClient?)null, _time);
        stream.Start();
        while (await stream.Events.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (stream.Events.TryRead(out var marketEvent))
            {
                if (ClosedCandlesOnly && marketEvent.Kind == MarketEventKind.Candle && !marketEvent.Candle.IsClosed)
                {
                    continue;
                }

                yield return marketEvent;
            }
        }
    }
}
