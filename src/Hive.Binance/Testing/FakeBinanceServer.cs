using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hive.Binance.Testing;

/// <summary>
/// A local exchange that speaks Binance's spot protocol, for tests and offline demos: REST (time, exchange info,
/// klines, depth, signed orders) and WebSocket streams (raw and combined, <c>SUBSCRIBE</c>, pings) on Kestrel bound to
/// 127.0.0.1 on a free port. Tests script it: publish payloads, drop connections, announce <c>serverShutdown</c>, send
/// malformed frames, answer 429 with <c>Retry-After</c>, answer -1007 to a new order, break a download mid-way. It
/// also trades (see <c>FakeBinanceServer.Trading.cs</c>): market orders fill with commissions, entirely, in parts or
/// partly, checked against the filters it advertises, reported as execution reports on user data streams
/// (<c>/api/v3/userDataStream</c> listen keys), with the account's balances and trades queryable; the user streams or
/// the market streams can be lost during the next order. It listens on loopback only and stops itself after
/// <see cref="FakeBinanceServerOptions.MaxLifetime"/>.
/// </summary>
/// <remarks>
/// It lives in the library rather than in a test project so that every test suite of the platform (runner, market
/// feed, CLI integration tests) and <c>hive</c> demos without internet can run against the same exchange.
/// </remarks>
public sealed partial class FakeBinanceServer : IAsyncDisposable
{
    private readonly FakeBinanceServerOptions _options;
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _lifetime;
    private readonly ConcurrentQueue<FakeRequest> _requests = new();
    private readonly Lock _gate = new();
    private int _disposed;

    private FakeBinanceServer(FakeBinanceServerOptions options, WebApplication app)
    {
        _options = options;
        _app = app;
        _lifetime = new CancellationTokenSource(options.MaxLifetime);
        foreach (var symbol in options.Symbols)
        {
            AddSymbol(symbol);
        }
    }

    /// <summary>REST base URL, <c>http://127.0.0.1:port</c>.</summary>
    public Uri RestUrl { get; private set; } = null!;

    /// <summary>WebSocket base URL, <c>ws://127.0.0.1:port</c>.</summary>
    public Uri StreamUrl { get; private set; } = null!;

    /// <summary>The options the server runs with.</summary>
    public FakeBinanceServerOptions Options => _options;

    /// <summary>REST requests received, in order.</summary>
    public IReadOnlyList<FakeRequest> Requests => [.. _requests];

    /// <summary>Client options pointing at this server with its credentials.</summary>
    public BinanceOptions ClientOptions() => new()
    {
        RestBaseUrl = RestUrl,
        StreamBaseUrl = StreamUrl,
        ApiKey = _options.ApiKey,
        ApiSecret = _options.ApiSecret,
        ReconnectBaseDelay = TimeSpan.FromMilliseconds(20),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
    };

    /// <summary>Starts a server on 127.0.0.1 and a free port.</summary>
    public static async Task<FakeBinanceServer> StartAsync(FakeBinanceServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FakeBinanceServerOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeBinanceServer(options, app);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        server.RestUrl = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        server.StreamUrl = new Uri(string.Create(CultureInfo.InvariantCulture, $"ws://127.0.0.1:{port}"));
        server._lifetime.Token.Register(static s => _ = ((FakeBinanceServer)s!).DisposeAsync().AsTask(), server);
        return server;
    }

    /// <summary>How many requests with <paramref name="method"/> reached <paramref name="path"/>.</summary>
    public int CountRequests(string method, string path) =>
        _requests.Count(r => r.Method == method && r.Path == path);

    /// <summary>Stops the server and closes every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        DropConnections();
        using var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(stopTimeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping timed out; the connections were aborted already.
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _lifetime.Dispose();
    }

    private Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path == "/stream" || path == "/ws" || path.StartsWith("/ws/", StringComparison.Ordinal))
        {
            return HandleWebSocketAsync(context, path);
        }

        return HandleRestAsync(context, path);
    }
}
