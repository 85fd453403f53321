using Hive.Trading.Market;

namespace Hive.Trading.History;

/// <summary>The candles of one file in time order, with the 1-based line each came from (for error messages).</summary>
internal readonly record struct ParsedCandles(string FileName, Candle[] Candles, int[] Lines, int Duplicates = 0, string? FirstDuplicate = null);
