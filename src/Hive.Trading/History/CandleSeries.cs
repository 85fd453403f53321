using Hive.Trading.Market;

namespace Hive.Trading.History;

/// <summary>The candles of one symbol in time order, as loaded from one file or a folder of monthly files.</summary>
/// <param name="Symbol">The symbol every candle carries.</param>
/// <param name="Candles">Candles with strictly increasing open times.</param>
/// <param name="Sources">The files read, in time order.</param>
public sealed record CandleSeries(string Symbol, IReadOnlyList<Candle> Candles, IReadOnlyList<string> Sources);
