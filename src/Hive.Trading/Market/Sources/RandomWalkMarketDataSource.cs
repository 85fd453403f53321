using System.Runtime.CompilerServices;

namespace Hive.Trading.Market.Sources;

/// <summary>
/// A simulated feed: a seeded, deterministic geometric random walk per symbol producing one-minute (by default)
/// candles, optionally each preceded by a quote, all symbols on one clock. Finite (<see cref="RandomWalkOptions.Bars"/>)
/// or endless; as fast as possible or at real time × N on the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class RandomWalkMarketDataSource : IMarketDataSource
{
    private readonly TimeProvider _time;

    /// <summary>Creates the source for <paramref name="symbols"/>.</summary>
    public RandomWalkMarketDataSource(IReadOnlyList<string> symbols, RandomWalkOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        if (symbols.Count == 0)
        {
            throw new ArgumentException("A random walk needs at least one symbol.", nameof(symbols));
        }

        foreach (var symbol in symbols)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        }

        Options = options ?? new RandomWalkOptions();
        Options.Validate();
        Symbols = [.. symbols];
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Symbols { get; }

    /// <summary>The walk's parameters.</summary>
    public RandomWalkOptions Options { get; }

    /// <summary>
    /// Generates <paramref name="count"/> candles of one symbol, the same as the source yields for the symbol at
    /// position <paramref name="symbolIndex"/> with the same options.
    /// </summary>
    public static Candle[] GenerateCandles(string symbol, int count, RandomWalkOptions? options = null, int symbolIndex = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        options ??= new RandomWalkOptions();
        options.Validate();
        var walk = new RandomWalk(symbol, symbolIndex, options);
        var candles = new Candle[count];
        for (var i = 0; i < count; i++)
        {
            candles[i] = walk.Next();
        }

        return candles;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<MarketEvent> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var walks = new RandomWalk[Symbols.Count];
        for (var i = 0; i < walks.Length; i++)
        {
            walks[i] = new RandomWalk(Symbols[i], i, Options);
        }

        var startTicks = _time.GetTimestamp();
        for (long bar = 0; Options.Bars is not { } total || bar < total; bar++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Options.Speed > 0 && bar > 0)
            {
                var due = TimeSpan.FromMilliseconds(bar * Options.IntervalMs / Options.Speed);
                var wait = due - _time.GetElapsedTime(startTicks);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                }
            }

            for (var i = 0; i < walks.Length; i++)
            {
                var candle = walks[i].Next();
                if (Options.Quotes)
                {
                    yield return MarketEvent.FromQuote(walks[i].QuoteAt(candle));
                }

                yield return MarketEvent.FromCandle(candle);
            }
        }
    }
}
