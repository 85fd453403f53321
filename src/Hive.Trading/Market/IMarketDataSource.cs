namespace Hive.Trading.Market;

/// <summary>
/// A stream of market events for a set of symbols: a replay of recorded candles, a simulated random walk, or a live
/// exchange connection. Events of one symbol come in time order; a multi-symbol source interleaves symbols on one clock.
/// </summary>
public interface IMarketDataSource
{
    /// <summary>The symbols this source publishes, upper case.</summary>
    IReadOnlyList<string> Symbols { get; }

    /// <summary>
    /// Reads the events until the source is exhausted (a replay reaches its end) or <paramref name="cancellationToken"/>
    /// is cancelled. Each call starts a new read from the beginning for finite sources.
    /// </summary>
    IAsyncEnumerable<MarketEvent> ReadAsync(CancellationToken cancellationToken = default);
}
