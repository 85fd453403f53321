using Hive.Trading.Market;

namespace Hive.Trading.History;

/// <summary>The candles of one symbol in time order, as loaded from one file or a folder of monthly files.</summary>
/// <param name="Symbol">The symbol every candle carries.</param>
/// <param name="Candles">Candles with strictly increasing open times.</param>
/// <param name="Sources">The files read, in time order.</param>
/// <param name="Duplicates">Bars read twice with identical values (overlapping files, repeated rows), kept once.</param>
/// <param name="FirstDuplicate">Where the first repeat was read (<c>FILE line N (time)</c>); <c>null</c> without repeats.</param>
public sealed record CandleSeries(string Symbol, IReadOnlyList<Candle> Candles, IReadOnlyList<string> Sources, int Duplicates = 0, string? FirstDuplicate = null)
{
    /// <summary>A one-line report of the dropped repeats (count and first place), or <c>null</c> when there were none.</summary>
    public string? DuplicateReport => Duplicates == 0
        ? null
        : $"{Symbol}: {Duplicates} duplicate bar{(Duplicates == 1 ? "" : "s")} (same open time, same values) read and kept once; first at {FirstDuplicate}";
}
