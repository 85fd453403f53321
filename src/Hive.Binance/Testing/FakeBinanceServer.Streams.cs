using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Hive.Binance.Testing;

/// <summary>WebSocket side of the fake exchange.</summary>
public sealed partial class FakeBinanceServer
{
    private readonly ConcurrentDictionary<int, StreamConnection> _connections = new();
    private readonly ConcurrentQueue<string> _clientMessages = new();
    private int _connectionIds;
    private int _rejectConnections;
    private int _rejectedConnections;
    private long _pongs;

    /// <summary>WebSocket connections open now.</summary>
    public int OpenConnections => _connections.Count;

    /// <summary>WebSocket connections accepted since the start.</summary>
    public int TotalConnections => Volatile.Read(ref _connectionIds);

    /// <summary>Pong frames received from clients (answers to <see cref="FakeBinanceServerOptions.PingInterval"/> pings).</summary>
    public long PongsReceived => Interlocked.Read(ref _pongs);

    /// <summary>Text messages clients sent (subscribe requests), in order.</summary>
    public IReadOnlyList<string> ClientMessages => [.. _clientMessages];

    /// <summary>The streams of each open connection.</summary>
    public IReadOnlyList<IReadOnlyList<string>> ConnectionStreams =>
        _connections.Values.Select(c => (IReadOnlyList<string>)c.StreamsSnapshot()).ToList();

    /// <summary>How many open connections are subscribed to <paramref name="stream"/>.</summary>
    public int SubscriberCount(string stream) => _connections.Values.Count(c => c.Has(stream));

    /// <summary>Waits until at least <paramref name="connections"/> open connections carry <paramref name="stream"/>.</summary>
    public async Task WaitForSubscribersAsync(string stream, int connections = 1, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        var started = Stopwatch.GetTimestamp();
        while (SubscriberCount(stream) < connections)
        {
            if (Stopwatch.GetElapsedTime(started) > limit)
            {
                throw new TimeoutException($"no {connections} subscriber(s) of {stream} within the deadline; open connections: {OpenConnections}");
            }

            await Task.Delay(5).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends <paramref name="dataJson"/> to every connection subscribed to <paramref name="stream"/>: wrapped as
    /// <c>{"stream":…,"data":…}</c> on combined connections, as is on raw ones. Returns how many connections got it.
    /// </summary>
    public async Task<int> PublishAsync(string stream, string dataJson)
    {
        var sent = 0;
        foreach (var connection in _connections.Values)
        {
            if (!connection.Has(stream))
            {
                continue;
            }

            var text = connection.Combined ? $"{{\"stream\":\"{stream}\",\"data\":{dataJson}}}" : dataJson;
            if (await connection.SendAsync(text).ConfigureAwait(false))
            {
                sent++;
            }
        }

        return sent;
    }

    /// <summary>Sends <paramref name="text"/> as one text frame to every open connection (for malformed frames).</summary>
    public async Task<int> SendRawAsync(string text)
    {
        var sent = 0;
        foreach (var connection in _connections.Values)
        {
            if (await connection.SendAsync(text).ConfigureAwait(false))
            {
                sent++;
            }
        }

        return sent;
    }

    /// <summary>Announces <c>serverShutdown</c> on every open connection (without closing them, as Binance does first).</summary>
    public Task<int> SendServerShutdownAsync() =>
        SendRawAsync(string.Create(CultureInfo.InvariantCulture, $"{{\"e\":\"serverShutdown\",\"E\":{Now()}}}"));

    /// <summary>The next <paramref name="count"/> WebSocket handshakes are refused with HTTP 503, as an exchange in maintenance would.</summary>
    public void RejectNextConnections(int count) => Volatile.Write(ref _rejectConnections, count);

    /// <summary>WebSocket handshakes refused so far.</summary>
    public int RejectedConnections => Volatile.Read(ref _rejectedConnections);

    /// <summary>Drops every open connection without a close handshake, as a network failure would.</summary>
    public void DropConnections()
    {
        foreach (var connection in _connections.Values)
        {
            connection.Abort();
        }
    }

    private async Task HandleWebSocketAsync(HttpContext context, string path)
    {
        var upgrade = context.Features.Get<IHttpUpgradeFeature>();
        string? key = context.Request.Headers["Sec-WebSocket-Key"];
        if (upgrade is null || !upgrade.IsUpgradableRequest || key is null)
        {
            context.Response.StatusCode = 400;
            return;
        }

        if (Volatile.Read(ref _rejectConnections) > 0 && Interlocked.Decrement(ref _rejectConnections) >= 0)
        {
            Interlocked.Increment(ref _rejectedConnections);
            context.Response.StatusCode = 503;
            return;
        }

        var combined = path == "/stream";
        var streams = combined
            ? ((string?)context.Request.Query["streams"] ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries)
            : path.Length > 4 ? [path[4..]] : [];

        context.Response.Headers.Connection = "Upgrade";
        context.Response.Headers.Upgrade = "websocket";
        context.Response.Headers["Sec-WebSocket-Accept"] = Convert.ToBase64String(
            SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
        var opaque = await upgrade.UpgradeAsync().ConfigureAwait(false);
        var counting = new PongCountingStream(opaque, () => Interlocked.Increment(ref _pongs));
        using var socket = WebSocket.CreateFromStream(counting, new WebSocketCreationOptions
        {
            IsServer = true,
            KeepAliveInterval = _options.PingInterval ?? TimeSpan.Zero,
            KeepAliveTimeout = _options.PingInterval is null ? Timeout.InfiniteTimeSpan : _options.PongTimeout,
        });
        var id = Interlocked.Increment(ref _connectionIds);
        var connection = new StreamConnection(socket, context, combined, streams);
        _connections[id] = connection;
        try
        {
            await ReceiveClientMessagesAsync(connection, _lifetime.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The client went away, the test dropped the connection, or the server is stopping.
        }
        finally
        {
            _connections.TryRemove(id, out _);
            connection.Abort();
        }
    }

    private async Task ReceiveClientMessagesAsync(StreamConnection connection, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        while (!cancellationToken.IsCancellationRequested)
        {
            var count = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await connection.Socket.ReceiveAsync(buffer.AsMemory(count), cancellationToken).ConfigureAwait(false);
                count += result.Count;
            }
            while (!result.EndOfMessage && count < buffer.Length);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                await connection.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", cancellationToken).ConfigureAwait(false);
                return;
            }

            var text = Encoding.UTF8.GetString(buffer, 0, count);
            _clientMessages.Enqueue(text);
            await AnswerAsync(connection, text).ConfigureAwait(false);
        }
    }

    private static async Task AnswerAsync(StreamConnection connection, string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            var method = root.GetProperty("method").GetString();
            var id = root.TryGetProperty("id", out var idElement) ? idElement.GetRawText() : "null";
            var streams = root.TryGetProperty("params", out var p) ? p.EnumerateArray().Select(e => e.GetString()!).ToList() : [];
            if (method == "SUBSCRIBE")
            {
                connection.Add(streams);
            }
            else if (method == "UNSUBSCRIBE")
            {
                connection.Remove(streams);
            }

            await connection.SendAsync($"{{\"result\":null,\"id\":{id}}}").ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            await connection.SendAsync("{\"error\":{\"code\":2,\"msg\":\"Invalid request\"},\"id\":null}").ConfigureAwait(false);
        }
    }

    private sealed class StreamConnection(WebSocket socket, HttpContext context, bool combined, IEnumerable<string> streams)
    {
        private readonly HashSet<string> _streams = new(streams, StringComparer.Ordinal);
        private readonly SemaphoreSlim _send = new(1, 1);

        public WebSocket Socket { get; } = socket;

        public bool Combined { get; } = combined;

        public bool Has(string stream)
        {
            lock (_streams)
            {
                return _streams.Contains(stream);
            }
        }

        public List<string> StreamsSnapshot()
        {
            lock (_streams)
            {
                return [.. _streams];
            }
        }

        public void Add(IEnumerable<string> names)
        {
            lock (_streams)
            {
                _streams.UnionWith(names);
            }
        }

        public void Remove(IEnumerable<string> names)
        {
            lock (_streams)
            {
                _streams.ExceptWith(names);
            }
        }

        public async Task<bool> SendAsync(string text)
        {
            await _send.WaitAsync().ConfigureAwait(false);
            try
            {
                if (Socket.State != WebSocketState.Open)
                {
                    return false;
                }

                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, timeout.Token).ConfigureAwait(false);
                return true;
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
            {
                return false;
            }
            finally
            {
                _send.Release();
            }
        }

        public void Abort()
        {
            Socket.Abort();
            try
            {
                context.Abort();
            }
            catch (ObjectDisposedException)
            {
                // The request ended on its own between the snapshot of open connections and this call: nothing to abort.
            }
        }
    }
}
