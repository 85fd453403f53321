namespace Hive.Binance.Streams;

/// <summary>Builds Binance stream names (lower-case symbol, <c>@</c>, stream type).</summary>
public static class BinanceStreamNames
{
    /// <summary><c>&lt;symbol&gt;@kline_&lt;interval&gt;</c>.</summary>
    public static string Kline(string symbol, string interval) => $"{Lower(symbol)}@kline_{interval}";

    /// <summary><c>&lt;symbol&gt;@bookTicker</c>.</summary>
    public static string BookTicker(string symbol) => $"{Lower(symbol)}@bookTicker";

    /// <summary><c>&lt;symbol&gt;@trade</c>.</summary>
    public static string Trade(string symbol) => $"{Lower(symbol)}@trade";

    /// <summary><c>&lt;symbol&gt;@aggTrade</c>.</summary>
    public static string AggTrade(string symbol) => $"{Lower(symbol)}@aggTrade";

    /// <summary>Diff depth <c>&lt;symbol&gt;@depth@100ms</c> (or <c>@depth</c>, every second, when <paramref name="fast"/> is false).</summary>
    public static string DiffDepth(string symbol, bool fast = true) => fast ? $"{Lower(symbol)}@depth@100ms" : $"{Lower(symbol)}@depth";

    /// <summary>The upper-case symbol a stream name is about.</summary>
    public static string SymbolOf(string stream)
    {
        var at = stream.IndexOf('@', StringComparison.Ordinal);
        return (at < 0 ? stream : stream[..at]).ToUpperInvariant();
    }

    /// <summary>Whether the stream is a diff depth stream (<c>@depth</c> or <c>@depth@100ms</c>, not a partial book <c>@depth5</c>).</summary>
    public static bool IsDiffDepth(string stream)
    {
        var at = stream.IndexOf('@', StringComparison.Ordinal);
        if (at < 0)
        {
            return false;
        }

        var rest = stream.AsSpan(at + 1);
        return rest.SequenceEqual("depth") || rest.StartsWith("depth@", StringComparison.Ordinal);
    }

    private static string Lower(string symbol)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        return symbol.ToLowerInvariant();
    }
}
