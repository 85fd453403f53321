namespace Hive.Binance.Testing;

/// <summary>Settings of a <see cref="FakeBinanceServer"/>.</summary>
public sealed class FakeBinanceServerOptions
{
    /// <summary>API key the signed endpoints accept.</summary>
    public string ApiKey { get; set; } = "fake-api-key";

    /// <summary>Secret the signed endpoints verify signatures with.</summary>
    public string ApiSecret { get; set; } = "fake-api-secret";

    /// <summary>Symbols listed by exchange info (more can be added with <see cref="FakeBinanceServer.AddSymbol"/>).</summary>
    public IReadOnlyList<string> Symbols { get; set; } = ["BTCUSDT", "ETHUSDT"];

    /// <summary>Interval of WebSocket pings sent to clients; <c>null</c> sends none.</summary>
    public TimeSpan? PingInterval { get; set; }

    /// <summary>With <see cref="PingInterval"/>: a client that does not pong within this time is disconnected.</summary>
    public TimeSpan PongTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The server stops itself after this long, so a forgotten server never outlives a test run.</summary>
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Clock of <c>/api/v3/time</c> and of event times the server stamps.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
