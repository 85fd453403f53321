namespace Hive.Binance.History;

/// <summary>Progress of a download: how far through the time range it is.</summary>
/// <param name="Fraction">0 to 1.</param>
/// <param name="RowsWritten">Rows appended so far.</param>
/// <param name="CurrentFile">File being written.</param>
public readonly record struct KlineDownloadProgress(double Fraction, long RowsWritten, string CurrentFile);
