namespace Hive.Binance;

/// <summary>
/// Where and how Hive talks to Binance: base URLs (production, testnet or a local fake exchange), credentials for the
/// signed order API, and the connection-life settings of the market streams. Defaults follow Binance's documented limits.
/// </summary>
public sealed class BinanceOptions
{
    /// <summary>Production spot REST base URL.</summary>
    public static readonly Uri ProductionRestUrl = new("https://api.binance.com");

    /// <summary>Production spot WebSocket base URL.</summary>
    public static readonly Uri ProductionStreamUrl = new("wss://stream.binance.com:9443");

    /// <summary>Spot testnet REST base URL.</summary>
    public static readonly Uri TestnetRestUrl = new("https://testnet.binance.vision");

    /// <summary>Spot testnet WebSocket base URL.</summary>
    public static readonly Uri TestnetStreamUrl = new("wss://stream.testnet.binance.vision");

    /// <summary>REST base URL (scheme, host, port; paths such as <c>/api/v3/klines</c> are appended).</summary>
    public Uri RestBaseUrl { get; set; } = ProductionRestUrl;

    /// <summary>WebSocket base URL (<c>/ws/&lt;stream&gt;</c> and <c>/stream?streams=…</c> are appended).</summary>
    public Uri StreamBaseUrl { get; set; } = ProductionStreamUrl;

    /// <summary>API key sent in the <c>X-MBX-APIKEY</c> header of signed requests.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Secret key used to sign requests with HMAC-SHA256.</summary>
    public string? ApiSecret { get; set; }

    /// <summary><c>recvWindow</c> of signed requests, milliseconds (Binance's maximum is 60000).</summary>
    public int RecvWindowMilliseconds { get; set; } = 5000;

    /// <summary>How many times a request refused with 429/418 is retried after waiting as <c>Retry-After</c> says.</summary>
    public int MaxRateLimitRetries { get; set; } = 3;

    /// <summary>
    /// Longest <c>Retry-After</c> the client waits out before retrying; a longer one (an IP ban with 418) is returned to
    /// the caller at once. Default 5 minutes.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Wait used when a 429/418 response carries no <c>Retry-After</c> header.</summary>
    public TimeSpan DefaultRetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How the client waits before retrying a rate-limited request; <c>null</c> uses <see cref="TimeProvider"/> delays.
    /// Tests inject a delay that records what was requested.
    /// </summary>
    public Func<TimeSpan, CancellationToken, Task>? RateLimitDelay { get; set; }

    /// <summary>Timeout of one REST request; an order whose request times out is reconciled, never resent.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Streams per WebSocket connection; Binance allows 1024, more are split over several connections.</summary>
    public int MaxStreamsPerConnection { get; set; } = 1024;

    /// <summary>Outgoing messages per second per connection (subscribe requests, pongs aside); Binance allows 5.</summary>
    public int MaxOutgoingMessagesPerSecond { get; set; } = 5;

    /// <summary>Stream names per <c>SUBSCRIBE</c> message.</summary>
    public int StreamsPerSubscribeMessage { get; set; } = 200;

    /// <summary>Streams named in the connection URL are limited to this many characters; the rest are subscribed by message.</summary>
    public int MaxStreamUrlLength { get; set; } = 2000;

    /// <summary>When a connection carries one stream, use the raw endpoint <c>/ws/&lt;stream&gt;</c> instead of <c>/stream</c>.</summary>
    public bool UseRawStreamForSingleStream { get; set; }

    /// <summary>A connection is replaced before this age; Binance closes connections at 24 hours.</summary>
    public TimeSpan ConnectionLifetime { get; set; } = TimeSpan.FromHours(23.5);

    /// <summary>First reconnect delay; later attempts back off exponentially with jitter.</summary>
    public TimeSpan ReconnectBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest reconnect delay.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Interval of unsolicited keep-alive frames sent by the client; zero (the default) sends none, since Binance
    /// expects pongs answering its own pings, which the client sends automatically.
    /// </summary>
    public TimeSpan ClientKeepAliveInterval { get; set; } = TimeSpan.Zero;

    /// <summary>How often the user data stream's listen key is kept alive; Binance expires a key after 60 minutes without one.</summary>
    public TimeSpan ListenKeyKeepAliveInterval { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Depth of the REST snapshot that seeds a local order book.</summary>
    public int OrderBookSnapshotLimit { get; set; } = 1000;

    /// <summary>Capacity of the event channel between connections and the reader.</summary>
    public int EventChannelCapacity { get; set; } = 65536;

    /// <summary>Options for the production exchange.</summary>
    public static BinanceOptions Production() => new();

    /// <summary>Options for the spot testnet.</summary>
    public static BinanceOptions Testnet() => new() { RestBaseUrl = TestnetRestUrl, StreamBaseUrl = TestnetStreamUrl };

    /// <summary>Checks the settings and throws <see cref="ArgumentException"/> naming the bad one.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(RestBaseUrl);
        ArgumentNullException.ThrowIfNull(StreamBaseUrl);
        if (RestBaseUrl.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"RestBaseUrl must be http or https, got '{RestBaseUrl}'", nameof(RestBaseUrl));
        }

        if (StreamBaseUrl.Scheme is not ("ws" or "wss"))
        {
            throw new ArgumentException($"StreamBaseUrl must be ws or wss, got '{StreamBaseUrl}'", nameof(StreamBaseUrl));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxStreamsPerConnection, 1, nameof(MaxStreamsPerConnection));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxStreamsPerConnection, 1024, nameof(MaxStreamsPerConnection));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxOutgoingMessagesPerSecond, 1, nameof(MaxOutgoingMessagesPerSecond));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxOutgoingMessagesPerSecond, 5, nameof(MaxOutgoingMessagesPerSecond));
        ArgumentOutOfRangeException.ThrowIfLessThan(StreamsPerSubscribeMessage, 1, nameof(StreamsPerSubscribeMessage));
        ArgumentOutOfRangeException.ThrowIfLessThan(RecvWindowMilliseconds, 1, nameof(RecvWindowMilliseconds));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(RecvWindowMilliseconds, 60000, nameof(RecvWindowMilliseconds));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRateLimitRetries, nameof(MaxRateLimitRetries));
        if (ListenKeyKeepAliveInterval <= TimeSpan.Zero || ListenKeyKeepAliveInterval >= TimeSpan.FromMinutes(60))
        {
            throw new ArgumentOutOfRangeException(nameof(ListenKeyKeepAliveInterval), ListenKeyKeepAliveInterval, "must be positive and under the listen key's 60 minutes");
        }

        if (ConnectionLifetime <= TimeSpan.Zero || ConnectionLifetime > TimeSpan.FromHours(24))
        {
            throw new ArgumentOutOfRangeException(nameof(ConnectionLifetime), ConnectionLifetime, "must be positive and at most 24 hours");
        }
    }
}
