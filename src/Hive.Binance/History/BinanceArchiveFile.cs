using System.Globalization;
using System.Text;

namespace Hive.Binance.History;

/// <summary>
/// Binance's kline archive layout (<c>data.binance.vision</c>): one CSV per symbol, interval and month named
/// <c>SYMBOL-INTERVAL-YYYY-MM.csv</c>, no header (spot), twelve columns <c>open_time,open,high,low,close,volume,
/// close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore</c>, <c>\n</c> line ends.
/// </summary>
public static class BinanceArchiveFile
{
    /// <summary>Columns per row.</summary>
    public const int ColumnCount = 12;

    /// <summary>The file name of a month: <c>BTCUSDT-1m-2024-01.csv</c>.</summary>
    public static string FileName(string symbol, string interval, int year, int month) =>
        string.Create(CultureInfo.InvariantCulture, $"{symbol.ToUpperInvariant()}-{interval}-{year:D4}-{month:D2}.csv");

    /// <summary>
    /// Prepares an existing file for appending: a torn last line (no line end, as left by an interrupted write) is cut
    /// off, and the open times of the first and last complete rows are returned in milliseconds (microsecond archives
    /// are converted), or <c>null</c> when the file holds no complete row.
    /// </summary>
    /// <exception cref="InvalidDataException">A complete row is not a kline row; the message names the file and line.</exception>
    public static (long First, long Last)? RepairAndReadBounds(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        var length = file.Length;
        if (length == 0)
        {
            return null;
        }

        const int Tail = 64 * 1024;
        var start = Math.Max(0, length - Tail);
        var buffer = new byte[(int)(length - start)];
        file.Position = start;
        file.ReadExactly(buffer);
        var lastNewLine = Array.LastIndexOf(buffer, (byte)'\n');
        if (lastNewLine < 0)
        {
            if (start > 0)
            {
                throw new InvalidDataException($"{path}: the last line is longer than {Tail} bytes; this is not a Binance kline archive");
            }

            file.SetLength(0);
            return null;
        }

        if (lastNewLine != buffer.Length - 1)
        {
            file.SetLength(start + lastNewLine + 1);
        }

        var previousNewLine = lastNewLine == 0 ? -1 : Array.LastIndexOf(buffer, (byte)'\n', lastNewLine - 1);
        if (previousNewLine < 0 && start > 0)
        {
            throw new InvalidDataException($"{path}: the last line is longer than {Tail} bytes; this is not a Binance kline archive");
        }

        var lastLine = Encoding.UTF8.GetString(buffer, previousNewLine + 1, lastNewLine - previousNewLine - 1);
        var last = OpenTimeOf(lastLine, path, () => CountLines(path));

        file.Position = 0;
        var head = new byte[(int)Math.Min(4096, file.Length)];
        file.ReadExactly(head);
        var text = Encoding.UTF8.GetString(head);
        var lines = text.Split('\n');
        var firstLine = lines[0].StartsWith("open_time", StringComparison.Ordinal) && lines.Length > 1 ? lines[1] : lines[0];
        if (firstLine.Length == 0 || firstLine.StartsWith("open_time", StringComparison.Ordinal))
        {
            return null;
        }

        var first = OpenTimeOf(firstLine, path, () => firstLine == lines[0] ? 1 : 2);
        return (first, last);
    }

    /// <summary>The open time in ms of one archive row.</summary>
    public static long OpenTimeOf(string line, string path, Func<long> lineNumber)
    {
        ArgumentNullException.ThrowIfNull(line);
        var fields = line.TrimEnd('\r').Split(',');
        if (fields.Length != ColumnCount || !long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var openTime))
        {
            throw new InvalidDataException($"{path}:{lineNumber()}: not a Binance kline row (expected {ColumnCount} columns starting with open_time): '{line}'");
        }

        // Spot archives from 2025 on are in microseconds; Hive writes milliseconds.
        return openTime >= 1_000_000_000_000_000 ? openTime / 1000 : openTime;
    }

    private static long CountLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var buffer = new byte[64 * 1024];
        long lines = 0;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        return lines;
    }
}
