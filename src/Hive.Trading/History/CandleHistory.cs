using System.IO.Compression;
using Hive.Trading.Market;

namespace Hive.Trading.History;

/// <summary>
/// Loads candle history from files: Binance kline archive CSV (USD-M futures with a header; spot without a header, in
/// milliseconds; spot from 2025 in microseconds), Binance REST kline JSON, a plain CSV with a header
/// <c>time,open,high,low,close[,volume]</c> (the indicator-fixture shapes of LEAN and Stock.Indicators included), a
/// <c>.zip</c> archive holding one such file, and a folder of monthly files per symbol named as Binance names them
/// (<c>NEARUSDT-1m-2026-02.csv</c>). Every candle comes back with its symbol set, in strictly increasing open time.
/// </summary>
/// <remarks>
/// Repeats and overlaps follow one rule: a bar identical to one already read (same open time and values, as when two
/// files overlap) is dropped; a bar repeating an open time with different values, or going back in time, fails. A bad
/// row fails with an <see cref="InvalidDataException"/> naming the file, the 1-based line and what is wrong.
/// </remarks>
public static class CandleHistory
{
    /// <summary>
    /// Loads a file or a folder. A file gives one series whose symbol comes from the file name (see
    /// <see cref="KlineFileName.SymbolOf"/>); a folder gives one series per symbol (see <see cref="LoadFolder"/>).
    /// </summary>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">A file is malformed.</exception>
    public static IReadOnlyList<CandleSeries> Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path))
        {
            return LoadFolder(path);
        }

        var symbol = KlineFileName.SymbolOf(path);
        return [LoadSeries(path, symbol)];
    }

    /// <summary>Loads one file in any supported shape, with <paramref name="symbol"/> (or the one its name implies) on every candle.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is malformed.</exception>
    public static CandleSeries LoadSeries(string path, string? symbol = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var parsed = ParseFile(path, symbol ?? KlineFileName.SymbolOf(path));
        return new CandleSeries(symbol ?? KlineFileName.SymbolOf(path), parsed.Candles, [path], parsed.Duplicates, parsed.FirstDuplicate);
    }

    /// <summary>Loads one candle file (see <see cref="LoadSeries"/>) and returns its candles.</summary>
    public static Candle[] LoadFile(string path, string? symbol = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return ParseFile(path, symbol ?? KlineFileName.SymbolOf(path)).Candles;
    }

    /// <summary>
    /// Loads every candle file of a folder, grouping files by the symbol of their Binance-style name
    /// (<c>SYMBOL-INTERVAL-YYYY-MM[-DD].csv</c> or <c>.zip</c>), reading each symbol's files in time order and joining
    /// them under the overlap rule of <see cref="CandleHistory"/>. Series come back ordered by symbol.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">A file is malformed or misnamed, a symbol's files mix intervals, or files conflict.</exception>
    public static IReadOnlyList<CandleSeries> LoadFolder(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Folder not found: {folder}");
        }

        var groups = new SortedDictionary<string, List<(KlineFileName Name, string Path)>>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(folder))
        {
            var extension = Path.GetExtension(path).ToLowerInvariant();
            if (extension is not (".csv" or ".zip" or ".json"))
            {
                continue;
            }

            if (!KlineFileName.TryParse(path, out var name))
            {
                throw CandleDataError.Create(Path.GetFileName(path), 0,
                    "cannot tell the symbol: files in a candle folder are named SYMBOL-INTERVAL-YYYY-MM.csv, for example NEARUSDT-1m-2026-02.csv");
            }

            if (!groups.TryGetValue(name.Symbol, out var files))
            {
                groups.Add(name.Symbol, files = []);
            }

            files.Add((name, path));
        }

        if (groups.Count == 0)
        {
            throw new InvalidDataException($"{folder}: no candle files (SYMBOL-INTERVAL-YYYY-MM.csv) in the folder");
        }

        var series = new List<CandleSeries>(groups.Count);
        foreach (var (symbol, files) in groups)
        {
            var intervals = files.Select(f => f.Name.Interval).Distinct(StringComparer.Ordinal).ToArray();
            if (intervals.Length > 1)
            {
                throw new InvalidDataException($"{folder}: the {symbol} files mix intervals ({string.Join(", ", intervals)}); keep one interval per folder");
            }

            var parsed = files.Select(f => ParseFile(f.Path, symbol)).OrderBy(p => p.Candles[0].OpenTime).ToArray();
            var (candles, duplicates, first) = Join(parsed);
            series.Add(new CandleSeries(symbol, candles, [.. parsed.Select(p => p.FileName)], duplicates, first));
        }

        return series;
    }

    /// <summary>Parses candles from the bytes of a file in any supported shape; <paramref name="fileName"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">The content is malformed.</exception>
    public static Candle[] Parse(ReadOnlySpan<byte> content, string fileName, string symbol)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        return ParseContent(content, fileName, symbol).Candles;
    }

    private static ParsedCandles ParseFile(string path, string symbol)
    {
        var fileName = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"File not found: {path}", path);
        }

        if (Path.GetExtension(path).Equals(".zip", StringComparison.OrdinalIgnoreCase))
        {
            using var archive = ZipFile.OpenRead(path);
            var entry = archive.Entries.FirstOrDefault(e => e.Length > 0)
                ?? throw CandleDataError.Create(fileName, 0, "the archive holds no file");
            using var stream = entry.Open();
            using var buffer = new MemoryStream(checked((int)entry.Length));
            stream.CopyTo(buffer);
            return ParseContent(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), $"{fileName}/{entry.FullName}", symbol);
        }

        return ParseContent(File.ReadAllBytes(path), fileName, symbol);
    }

    private static ParsedCandles ParseContent(ReadOnlySpan<byte> content, string fileName, string symbol)
    {
        var start = content.StartsWith("\uFEFF"u8) ? 3 : 0;
        var body = content[start..].TrimStart(" \t\r\n"u8);
        return !body.IsEmpty && body[0] == '['
            ? KlineJsonParser.Parse(content[start..], fileName, symbol)
            : CandleCsvParser.Parse(content, fileName, symbol);
    }

    private static (Candle[] Candles, int Duplicates, string? FirstDuplicate) Join(ParsedCandles[] files)
    {
        if (files.Length == 1)
        {
            return (files[0].Candles, files[0].Duplicates, files[0].FirstDuplicate);
        }

        var sequence = new CandleSequence(files.Sum(f => f.Candles.Length));
        foreach (var file in files)
        {
            sequence.BeginSource(file.FileName);
            for (var i = 0; i < file.Candles.Length; i++)
            {
                sequence.Add(file.Candles[i], file.FileName, file.Lines[i]);
            }
        }

        // Repeats inside a file were dropped when it was parsed; repeats across files are dropped here.
        var within = files.Sum(static f => f.Duplicates);
        var first = files.Select(static f => f.FirstDuplicate).FirstOrDefault(static d => d is not null) ?? sequence.FirstDuplicate;
        return (sequence.ToArray(), within + sequence.Duplicates, first);
    }
}
