namespace Hive.Api;

/// <summary>Settings of the gRPC API <c>hive.v1</c> (<see cref="HiveApiServiceCollectionExtensions.AddHiveApi"/>).</summary>
public sealed class HiveApiOptions
{
    /// <summary>The metadata key clients send the token in (<c>authorization: Bearer TOKEN</c>).</summary>
    public const string AuthorizationHeader = "authorization";

    /// <summary>The environment variable the <c>hive</c> tool reads the token from.</summary>
    public const string TokenVariable = "HIVE_API_TOKEN";

    /// <summary>
    /// The bearer token every call except the gRPC health service must carry. Required: a host without one does not
    /// start (an API without authentication would let anyone on the network trade).
    /// </summary>
    public string? Token { get; set; }

    /// <summary>How long a <c>Watch</c> long poll waits at a runner for its next event before asking again.</summary>
    public TimeSpan WatchPollWait { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How often <c>WatchBacktest</c> and <c>WatchSweep</c> send progress.</summary>
    public TimeSpan BacktestProgressPeriod { get; set; } = TimeSpan.FromMilliseconds(250);
}
