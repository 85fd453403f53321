using System.Buffers;
using System.Net.WebSockets;
using Hive.Binance.Rest;

namespace Hive.Binance.Streams;

/// <summary>
/// The account's user data stream: a listen key from <c>POST /api/v3/userDataStream</c>, kept alive with a
/// <c>PUT</c> every <see cref="BinanceOptions.ListenKeyKeepAliveInterval"/>, and the WebSocket <c>/ws/&lt;listenKey&gt;</c>
/// whose <c>executionReport</c> events go to the handler. A drop, a <c>serverShutdown</c> or a
/// <c>listenKeyExpired</c> makes it reconnect (with a fresh listen key) after a backoff, and every reconnect is reported
/// to <see cref="Reconnected"/>: events sent while it was away are lost, so the owner queries what it was waiting for.
/// </summary>
public sealed class BinanceUserDataStream : IAsyncDisposable
{
    private readonly BinanceRestClient _rest;
    private readonly BinanceOptions _options;
    private readonly TimeProvider _time;
    private readonly Func<BinanceExecutionReport, ValueTask> _onExecutionReport;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _firstConnect = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _running = Task.CompletedTask;
    private long _reconnects;
    private long _keepAlives;
    private int _connected;
    private string? _lastError;

    /// <summary>Creates the stream; nothing connects before <see cref="Start"/>.</summary>
    /// <param name="rest">The REST client (with the API key) that manages the listen key.</param>
    /// <param name="options">Stream URL and reconnect settings.</param>
    /// <param name="onExecutionReport">Called for every execution report, in order.</param>
    /// <param name="timeProvider">Clock of the keep-alive and the backoff.</param>
    public BinanceUserDataStream(BinanceRestClient rest, BinanceOptions options, Func<BinanceExecutionReport, ValueTask> onExecutionReport, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(rest);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(onExecutionReport);
        _rest = rest;
        _options = options;
        _onExecutionReport = onExecutionReport;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Raised (on the stream's task) after every reconnect, with the reason the previous connection ended.</summary>
    public event Action<string>? Reconnected;

    /// <summary>Whether the WebSocket is open now.</summary>
    public bool IsConnected => Volatile.Read(ref _connected) == 1;

    /// <summary>Reconnections so far.</summary>
    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>Listen-key keep-alives sent so far.</summary>
    public long KeepAlives => Interlocked.Read(ref _keepAlives);

    /// <summary>Why the last connection attempt or connection failed, if one did.</summary>
    public string? LastError => Volatile.Read(ref _lastError);

    /// <summary>Starts connecting; <see cref="WaitConnectedAsync"/> waits for the first connection.</summary>
    public void Start()
    {
        if (!_running.IsCompleted)
        {
            throw new InvalidOperationException("the user data stream is already started");
        }

        _running = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Completes when the stream first connected; throws <see cref="TimeoutException"/> naming the last error after <paramref name="timeout"/>.</summary>
    public async Task WaitConnectedAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        try
        {
            await _firstConnect.Task.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the user data stream at {_options.StreamBaseUrl} did not connect within {timeout.TotalSeconds:0.#} s ({LastError ?? "no answer"})");
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _running.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping is the point.
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        string? lostReason = null;
        var attempt = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            string listenKey;
            ClientWebSocket socket;
            try
            {
                listenKey = await _rest.CreateListenKeyAsync(cancellationToken).ConfigureAwait(false);
                socket = await ConnectAsync(listenKey, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or WebSocketException or TimeoutException or BinanceApiException or System.Text.Json.JsonException)
            {
                Volatile.Write(ref _lastError, ex.Message);
                await BackoffAsync(++attempt, cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            attempt = 0;
            using (socket)
            {
                Volatile.Write(ref _connected, 1);
                _firstConnect.TrySetResult();
                if (lostReason is not null)
                {
                    Interlocked.Increment(ref _reconnects);
                    Reconnected?.Invoke(lostReason);
                }

                using var keepAlive = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var keeping = KeepAliveAsync(listenKey, keepAlive.Token);
                try
                {
                    lostReason = await ReceiveAsync(socket, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    await TryCloseAsync(listenKey).ConfigureAwait(false);
                    return;
                }
                finally
                {
                    Volatile.Write(ref _connected, 0);
                    await keepAlive.CancelAsync().ConfigureAwait(false);
                    await keeping.ConfigureAwait(false);
                }

                Volatile.Write(ref _lastError, lostReason);
            }

            await BackoffAsync(1, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ClientWebSocket> ConnectAsync(string listenKey, CancellationToken cancellationToken)
    {
        var uri = new Uri(_options.StreamBaseUrl.ToString().TrimEnd('/') + "/ws/" + listenKey);
        var socket = new ClientWebSocket();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.RequestTimeout);
            try
            {
                await socket.ConnectAsync(uri, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The listen key is a credential of the stream: the message names the host only.
                throw new TimeoutException($"connecting the user data stream to {_options.StreamBaseUrl} timed out");
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
        var parser = new BinanceStreamParser();
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
                    received = await socket.ReceiveAsync(buffer.AsMemory(count), cancellationToken).ConfigureAwait(false);
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

                var message = buffer.AsSpan(0, count);
                var kind = parser.Parse(message);
                count = 0;
                switch (kind)
                {
                    case BinanceStreamEventKind.ExecutionReport when parser.ExecutionReport is { } report:
                        await _onExecutionReport(report).ConfigureAwait(false);
                        break;
                    case BinanceStreamEventKind.ServerShutdown:
                        return "serverShutdown announced by the server";
                    case BinanceStreamEventKind.Unknown when message.IndexOf("\"listenKeyExpired\""u8) >= 0:
                        return "the listen key expired";
                    default:
                        break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task KeepAliveAsync(string listenKey, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_options.ListenKeyKeepAliveInterval, _time, cancellationToken).ConfigureAwait(false);
                try
                {
                    await _rest.KeepAliveListenKeyAsync(listenKey, cancellationToken).ConfigureAwait(false);
                    Interlocked.Increment(ref _keepAlives);
                }
                catch (Exception ex) when (ex is HttpRequestException or TimeoutException or BinanceApiException)
                {
                    // The next keep-alive tries again; a key that expires ends the stream with listenKeyExpired.
                    Volatile.Write(ref _lastError, "listen key keep-alive failed: " + ex.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The connection ended or the stream stops.
        }
    }

    private async Task TryCloseAsync(string listenKey)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _rest.CloseListenKeyAsync(listenKey, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or BinanceApiException or OperationCanceledException)
        {
            // Closing is a courtesy: an unused key expires by itself after 60 minutes.
        }
    }

    private async Task BackoffAsync(int attempt, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromTicks(Math.Min(_options.ReconnectMaxDelay.Ticks, _options.ReconnectBaseDelay.Ticks * (1L << Math.Min(attempt - 1, 16))));
        try
        {
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
