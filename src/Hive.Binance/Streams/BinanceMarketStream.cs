using System.Threading.Channels;
using Hive.Binance.OrderBook;
using Hive.Binance.Rest;
using Hive.Trading.Market;
using Polly;
using Polly.Retry;

namespace Hive.Binance.Streams;

/// <summary>
/// Live Binance market streams: kline, bookTicker, trade, aggTrade and diff depth over as many WebSocket connections as
/// the 1024-streams limit needs. Events arrive on <see cref="Events"/> as trading-core <see cref="MarketEvent"/>s;
/// every reconnect (a drop, a <c>serverShutdown</c>, the 24 h rotation) and every order book resync is announced by a
/// <see cref="MarketEventKind.Gap"/> event per affected symbol, and a closed candle is never delivered twice. Diff
/// depth streams keep a <see cref="LocalOrderBook"/> per symbol in sync, readable through <see cref="ReadOrderBook"/>.
/// </summary>
public sealed class BinanceMarketStream : IAsyncDisposable
{
    private readonly BinanceOptions _options;
    private readonly TimeProvider _time;
    private readonly BinanceRestClient? _rest;
    private readonly bool _ownsRest;
    private readonly Channel<MarketEvent> _events;
    private readonly List<BinanceStreamConnection> _connections = [];
    private readonly Dictionary<string, BookState> _books = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _running = [];
    private readonly List<Task> _fetches = [];
    private long _malformed;
    private long _duplicates;
    private long _reconnects;
    private long _resyncs;
    private long _outgoing;
    private long _connectFailures;
    private int _connected;
    private string? _lastMalformedError;

    /// <summary>Creates the stream set; nothing connects before <see cref="Start"/>.</summary>
    /// <param name="streams">Stream names such as <c>btcusdt@kline_1m</c> (see <see cref="BinanceStreamNames"/>).</param>
    /// <param name="options">URLs and connection settings.</param>
    /// <param name="restClient">REST client for order book snapshots; created from <paramref name="options"/> when <c>null</c>.</param>
    /// <param name="timeProvider">Clock for rotation, throttling and backoff.</param>
    public BinanceMarketStream(IEnumerable<string> streams, BinanceOptions options, BinanceRestClient? restClient = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(streams);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        var names = streams.Select(Normalize).Distinct(StringComparer.Ordinal).ToList();
        if (names.Count == 0)
        {
            throw new ArgumentException("at least one stream is needed", nameof(streams));
        }

        for (var i = 0; i < names.Count; i += options.MaxStreamsPerConnection)
        {
            _connections.Add(new BinanceStreamConnection(this, names.Skip(i).Take(options.MaxStreamsPerConnection).ToList(), options, _time));
        }

        foreach (var symbol in _connections.SelectMany(c => c.DepthSymbols))
        {
            _books[symbol] = new BookState(new OrderBookSynchronizer(symbol));
        }

        if (_books.Count > 0)
        {
            _ownsRest = restClient is null;
            _rest = restClient ?? new BinanceRestClient(options, timeProvider: _time);
        }

        _events = Channel.CreateBounded<MarketEvent>(new BoundedChannelOptions(options.EventChannelCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The events of all streams, in order per connection.</summary>
    public ChannelReader<MarketEvent> Events => _events.Reader;

    /// <summary>How many WebSocket connections the streams are spread over.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Connections currently open.</summary>
    public int OpenConnections => Volatile.Read(ref _connected);

    /// <summary>Messages that were not valid stream messages; each was skipped.</summary>
    public long MalformedMessages => Interlocked.Read(ref _malformed);

    /// <summary>Why the last malformed message was rejected.</summary>
    public string? LastMalformedError => Volatile.Read(ref _lastMalformedError);

    /// <summary>Closed candles received again (after a reconnect) and not delivered.</summary>
    public long DuplicateCandlesDropped => Interlocked.Read(ref _duplicates);

    /// <summary>Reconnections so far.</summary>
    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>Order book resyncs caused by a missed diff.</summary>
    public long OrderBookResyncs => Interlocked.Read(ref _resyncs);

    /// <summary>Connection attempts that failed and were retried after a backoff.</summary>
    public long ConnectFailures => Interlocked.Read(ref _connectFailures);

    /// <summary>Subscribe requests sent.</summary>
    public long OutgoingMessages => Interlocked.Read(ref _outgoing);

    /// <summary>Starts the connections.</summary>
    public void Start()
    {
        if (_running.Count > 0)
        {
            throw new InvalidOperationException("the stream is already started");
        }

        var pipeline = new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is not null and not OperationCanceledException),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.ReconnectBaseDelay,
                MaxDelay = _options.ReconnectMaxDelay,
                OnRetry = args =>
                {
                    Interlocked.Increment(ref _connectFailures);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        foreach (var connection in _connections)
        {
            _running.Add(Task.Run(() => connection.RunAsync(pipeline, _stop.Token)));
        }
    }

    /// <summary>
    /// Reads the order book of <paramref name="symbol"/> (a diff depth stream must be subscribed) while it cannot
    /// change; returns <c>default</c> when it is not in sync.
    /// </summary>
    public T? ReadOrderBook<T>(string symbol, Func<LocalOrderBook, T> reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (!_books.TryGetValue(symbol.ToUpperInvariant(), out var state))
        {
            throw new ArgumentException($"no diff depth stream is subscribed for {symbol}", nameof(symbol));
        }

        lock (state.Sync)
        {
            return state.Sync.IsSynced ? reader(state.Sync.Book) : default;
        }
    }

    /// <summary>Stops every connection and completes <see cref="Events"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        Task[] fetches;
        lock (_fetches)
        {
            fetches = [.. _fetches];
        }

        try
        {
            await Task.WhenAll(_running.Concat(fetches)).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping is the point.
        }

        _events.Writer.TryComplete();
        _stop.Dispose();
        if (_ownsRest)
        {
            _rest?.Dispose();
        }
    }

    internal ValueTask PublishAsync(in MarketEvent marketEvent, CancellationToken cancellationToken) =>
        _events.Writer.TryWrite(marketEvent) ? ValueTask.CompletedTask : _events.Writer.WriteAsync(marketEvent, cancellationToken);

    internal void CountMalformed(string? error)
    {
        Interlocked.Increment(ref _malformed);
        Volatile.Write(ref _lastMalformedError, error);
    }

    internal void CountDuplicate() => Interlocked.Increment(ref _duplicates);

    internal void CountOutgoing() => Interlocked.Increment(ref _outgoing);

    internal void OnConnected(BinanceStreamConnection connection) => Interlocked.Increment(ref _connected);

    internal void OnDisconnected(BinanceStreamConnection connection) => Interlocked.Decrement(ref _connected);

    internal async Task OnReconnectedAsync(BinanceStreamConnection connection, string reason, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reconnects);
        foreach (var symbol in connection.DepthSymbols)
        {
            var state = _books[symbol];
            lock (state.Sync)
            {
                state.Sync.Reset();
            }
        }

        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var symbol in connection.Symbols)
        {
            await PublishAsync(MarketEvent.FromGap(symbol, now, "reconnected after " + reason), cancellationToken).ConfigureAwait(false);
        }
    }

    internal bool OnDepth(in BinanceDepthUpdate diff, ReadOnlySpan<PriceLevel> bids, ReadOnlySpan<PriceLevel> asks, out MarketEvent gap)
    {
        gap = default;
        if (!_books.TryGetValue(diff.Symbol, out var state))
        {
            return false;
        }

        OrderBookSyncResult result;
        lock (state.Sync)
        {
            result = state.Sync.OnDiff(diff, bids, asks);
        }

        if (result == OrderBookSyncResult.Buffered)
        {
            StartSnapshot(state);
            return false;
        }

        if (result != OrderBookSyncResult.Gap)
        {
            return false;
        }

        Interlocked.Increment(ref _resyncs);
        StartSnapshot(state);
        gap = MarketEvent.FromGap(diff.Symbol, diff.EventTime, "order book resync: a depth diff was missed");
        return true;
    }

    private void StartSnapshot(BookState state)
    {
        if (Interlocked.CompareExchange(ref state.Fetching, 1, 0) != 0)
        {
            return;
        }

        var fetch = Task.Run(() => FetchSnapshotAsync(state, _stop.Token));
        lock (_fetches)
        {
            _fetches.RemoveAll(t => t.IsCompleted);
            _fetches.Add(fetch);
        }
    }

    private async Task FetchSnapshotAsync(BookState state, CancellationToken cancellationToken)
    {
        try
        {
            for (var attempt = 0; attempt < 10 && !cancellationToken.IsCancellationRequested; attempt++)
            {
                BinanceOrderBookSnapshot snapshot;
                try
                {
                    snapshot = await _rest!.GetOrderBookAsync(state.Sync.Book.Symbol, _options.OrderBookSnapshotLimit, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is HttpRequestException or TimeoutException or BinanceApiException or System.Text.Json.JsonException)
                {
                    await Task.Delay(_options.ReconnectBaseDelay * (attempt + 1), _time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                OrderBookSyncResult result;
                lock (state.Sync)
                {
                    result = state.Sync.IsSynced ? OrderBookSyncResult.Applied : state.Sync.OnSnapshot(snapshot.LastUpdateId, snapshot.Bids, snapshot.Asks);
                }

                if (result == OrderBookSyncResult.Applied)
                {
                    return;
                }

                await Task.Delay(_options.ReconnectBaseDelay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            Volatile.Write(ref state.Fetching, 0);
        }
    }

    private static string Normalize(string stream)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stream);
        var at = stream.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at == stream.Length - 1)
        {
            throw new ArgumentException($"'{stream}' is not a Binance stream name (<symbol>@<type>)", nameof(stream));
        }

        return stream[..at].ToLowerInvariant() + stream[at..];
    }

    private sealed class BookState(OrderBookSynchronizer sync)
    {
        public readonly OrderBookSynchronizer Sync = sync;
        public int Fetching;
    }
}
