using Orleans;
namespace Hive.Grains.Feeds;

/// <summary>How a symbol's feed is fed.</summary>
/// <param name="Symbol">The symbol; events go to the stream <c>market/SYMBOL</c>.</param>
/// <param name="Source">The kind of source.</param>
/// <param name="Path">For <see cref="FeedSourceKind.Replay"/>: a candle file or folder.</param>
/// <param name="Speed">Replay speed: real time × <paramref name="Speed"/>; 0 for as fast as possible.</param>
/// <param name="Seed">For <see cref="FeedSourceKind.Simulated"/>: the random seed.</param>
/// <param name="Interval">Bar interval of a simulated feed.</param>
/// <param name="BaseUrl">For <see cref="FeedSourceKind.Binance"/>: the WebSocket base URL, or <c>null</c> for production.</param>
/// <param name="IncludeFormingCandles">For <see cref="FeedSourceKind.Binance"/>: publish the forming candle's updates too
/// (runners use them for the last price and protective exits; strategies still decide on closed bars).</param>
[GenerateSerializer]
[Alias("hive.feed-definition")]
public sealed record FeedDefinition(
    string Symbol,
    FeedSourceKind Source,
    string? Path = null,
    double Speed = 1,
    int Seed = 1,
    TimeSpan? Interval = null,
    string? BaseUrl = null,
    bool IncludeFormingCandles = false);
