namespace Hive.Binance.History;

/// <summary>What a download did.</summary>
/// <param name="Files">The monthly files of the range, in order.</param>
/// <param name="RowsWritten">Rows appended by this run.</param>
/// <param name="Resumed">Whether rows of an earlier run were found and resumed after.</param>
/// <param name="TornLinesRemoved">Files whose torn last line was cut off before resuming.</param>
public sealed record KlineDownloadResult(IReadOnlyList<string> Files, long RowsWritten, bool Resumed, int TornLinesRemoved);
