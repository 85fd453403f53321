using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using Hive.Binance.OrderBook;
using Hive.Trading.Market;
using Polly;

namespace Hive.Binance.Streams;

/// <summary>
/// One WebSocket connection carrying up to 1024 streams, for its whole life: connect (retrying with backoff and
/// jitter), subscribe, receive, and on a drop, a <c>serverShutdown</c> or the lifetime limit reconnect, resubscribe
/// and report a gap. Its closed-candle dedupe state survives reconnects.
/// </summary>
internal sealed class BinanceStreamConnection
{
    private readonly BinanceMarketStream _owner;
    private readonly BinanceOptions _options;
    private readonly TimeProvider _time;
    private readonly BinanceStreamParser _parser = new();
    private readonly Dictionary<(string Symbol, long Span), long> _lastClosedOpenTime = [];
    private readonly OutgoingMessageThrottle _throttle;
    private int _requestId;

    public BinanceStreamConnection(BinanceMarketStream owner, IReadOnlyList<string> streams, BinanceOptions options, TimeProvider time)
    {
        _owner = owner;
        _options = options;
        _time = time;
        Streams = streams;
        Symbols = streams.Select(BinanceStreamNames.SymbolOf).Distinct(StringComparer.Ordinal).ToArray();
        DepthSymbols = streams.Where(BinanceStreamNames.IsDiffDepth).Select(BinanceStreamNames.SymbolOf).Distinct(StringComparer.Ordinal).ToArray();
        _throttle = new OutgoingMessageThrottle(options.MaxOutgoingMessagesPerSecond, time);
    }

    public IReadOnlyList<string> Streams { get; }

    public IReadOnlyList<string> Symbols { get; }

    public IReadOnlyList<string> DepthSymbols { get; }

    public async Task RunAsync(ResiliencePipeline pipeline, CancellationToken cancellationToken)
    {
        string? lostReason = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            ClientWebSocket socket;
            try
            {
                socket = await pipeline.ExecuteAsync(
                    static (self, ct) => new ValueTask<ClientWebSocket>(self.ConnectAsync(ct)), this, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            using (socket)
            {
                _owner.OnConnected(this);
                if (lostReason is not null)
                {
                    await _owner.OnReconnectedAsync(this, lostReason, cancellationToken).ConfigureAwait(false);
                }

                try
                {
                    lostReason = await ReceiveAsync(socket, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    // Whatever ends one connection (a socket error of another type than WebSocketException, a failed
                    // hand-over of an event) is a lost connection to reconnect: an escaping exception would end this
                    // loop and leave the streams silent for good.
                    lostReason = $"connection failed: {ex.GetType().Name}: {ex.Message}";
                }

                _owner.OnDisconnected(this);
            }
        }
    }

    internal Uri BuildUri(out List<string> toSubscribe)
    {
        var root = _options.StreamBaseUrl.ToString().TrimEnd('/');
        toSubscribe = [];
        if (_options.UseRawStreamForSingleStream && Streams.Count == 1)
        {
            return new Uri(root + "/ws/" + Streams[0]);
        }

        var url = new StringBuilder(root).Append("/stream?streams=");
        var first = true;
        foreach (var stream in Streams)
        {
            if (toSubscribe.Count == 0 && url.Length + stream.Length + 1 <= _options.MaxStreamUrlLength)
            {
                url.Append(first ? string.Empty : "/").Append(stream);
                first = false;
            }
            else
            {
                toSubscribe.Add(stream);
            }
        }

        return new Uri(url.ToString());
    }

    private async Task<ClientWebSocket> ConnectAsync(CancellationToken cancellationToken)
    {
        var uri = BuildUri(out var toSubscribe);
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = _options.ClientKeepAliveInterval;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(15));
            try
            {
                await socket.ConnectAsync(uri, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"connecting to {uri.GetLeftPart(UriPartial.Path)} timed out");
            }

            for (var i = 0; i < toSubscribe.Count; i += _options.StreamsPerSubscribeMessage)
            {
                var chunk = toSubscribe.Skip(i).Take(_options.StreamsPerSubscribeMessage);
                var message = $"{{\"method\":\"SUBSCRIBE\",\"params\":[{string.Join(',', chunk.Select(s => "\"" + s + "\""))}],\"id\":{Interlocked.Increment(ref _requestId)}}}";
                await _throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
                await socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
                _owner.CountOutgoing();
            }

            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task<string> ReceiveAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        using var lifetime = new CancellationTokenSource(_options.ConnectionLifetime, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.Token);
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var count = 0;
        try
        {
            while (true)
            {
                if (count == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, count).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                ValueWebSocketReceiveResult received;
                try
                {
                    received = await socket.ReceiveAsync(buffer.AsMemory(count), linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (lifetime.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    return "connection rotated before Binance's 24 h limit";
                }
                catch (WebSocketException ex)
                {
                    return "connection lost: " + ex.Message;
                }

                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return $"closed by the server ({socket.CloseStatus} {socket.CloseStatusDescription})";
                }

                count += received.Count;
                if (!received.EndOfMessage)
                {
                    continue;
                }

                var kind = _parser.Parse(buffer.AsSpan(0, count));
                count = 0;
                if (kind == BinanceStreamEventKind.ServerShutdown)
                {
                    return "serverShutdown announced by the server";
                }

                if (Translate(kind, out var marketEvent))
                {
                    await _owner.PublishAsync(marketEvent, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Turns a parsed message into the market event to publish, if any; the hot path, allocation-free.</summary>
    internal bool Translate(BinanceStreamEventKind kind, out MarketEvent marketEvent)
    {
        switch (kind)
        {
            case BinanceStreamEventKind.Kline:
                var candle = _parser.Kline.ToCandle();
                if (!ShouldDeliver(candle))
                {
                    _owner.CountDuplicate();
                    break;
                }

                marketEvent = MarketEvent.FromCandle(candle);
                return true;
            case BinanceStreamEventKind.BookTicker:
                marketEvent = MarketEvent.FromQuote(_parser.BookTicker.ToQuote(_time.GetUtcNow().ToUnixTimeMilliseconds()));
                return true;
            case BinanceStreamEventKind.Trade:
                marketEvent = MarketEvent.FromTrade(_parser.Trade.ToTradeTick());
                return true;
            case BinanceStreamEventKind.AggTrade:
                marketEvent = MarketEvent.FromTrade(_parser.AggTrade.ToTradeTick());
                return true;
            case BinanceStreamEventKind.DepthUpdate:
                return _owner.OnDepth(_parser.Depth, _parser.Bids, _parser.Asks, out marketEvent);
            case BinanceStreamEventKind.Malformed:
                _owner.CountMalformed(_parser.LastError);
                break;
            default:
                break;
        }

        marketEvent = default;
        return false;
    }

    /// <summary>
    /// A closed candle is delivered once per symbol and interval and open time; a forming candle older than the last
    /// closed one is stale (a replay after a reconnect) and dropped too.
    /// </summary>
    private bool ShouldDeliver(in Candle candle)
    {
        var key = (candle.Symbol, candle.CloseTime - candle.OpenTime);
        var known = _lastClosedOpenTime.TryGetValue(key, out var lastClosed);
        if (known && candle.OpenTime <= lastClosed)
        {
            return false;
        }

        if (candle.IsClosed)
        {
            _lastClosedOpenTime[key] = candle.OpenTime;
        }

        return true;
    }
}
