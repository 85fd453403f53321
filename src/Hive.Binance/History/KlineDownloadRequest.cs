namespace Hive.Binance.History;

/// <summary>What to download.</summary>
/// <param name="Symbol">Symbol, any case.</param>
/// <param name="Interval">Kline interval, for example <c>1m</c>.</param>
/// <param name="From">First open time included.</param>
/// <param name="To">End of the range, exclusive.</param>
/// <param name="OutputDirectory">Folder of the monthly CSV files.</param>
public sealed record KlineDownloadRequest(string Symbol, string Interval, DateTimeOffset From, DateTimeOffset To, string OutputDirectory);
