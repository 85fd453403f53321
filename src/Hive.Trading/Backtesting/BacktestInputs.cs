using System.Globalization;
using Hive.Trading.History;
using Hive.Trading.Market;
using Hive.Trading.Market.Sources;

namespace Hive.Trading.Backtesting;

/// <summary>
/// The inputs of a backtest as <c>hive backtest</c> and the backtest grain take them: data specs (<c>PATH</c> or
/// <c>SYMBOL=PATH</c>, a candle file or folder) and generated series (<c>SYMBOL:BARS[:SEED]</c>), loaded into candles
/// per symbol. Errors throw <see cref="ArgumentException"/> naming the spec and the problem, worded for the
/// command line (<c>--data '...'</c>).
/// </summary>
public static class BacktestInputs
{
    /// <summary>The format of a generated series.</summary>
    public const string GenerateFormat = "SYMBOL:BARS[:SEED]";

    private const int MaxGeneratedBars = 50_000_000;

    /// <summary>
    /// Loads every data spec and generated series. A symbol given twice is an error. <paramref name="loadData"/> replaces
    /// <see cref="LoadData"/> (a host keeping datasets in memory). <paramref name="warn"/> receives one line per symbol
    /// whose files repeated bars (count and first place).
    /// </summary>
    public static Dictionary<string, IReadOnlyList<Candle>> Load(
        IReadOnlyList<string> data,
        IReadOnlyList<string> generate,
        Func<string, IReadOnlyList<(string Symbol, IReadOnlyList<Candle> Candles)>>? loadData = null,
        Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(generate);
        loadData ??= spec => LoadData(spec, warn);
        var result = new Dictionary<string, IReadOnlyList<Candle>>(StringComparer.Ordinal);
        var origins = new Dictionary<string, string>(StringComparer.Ordinal);

        foreach (var spec in data)
        {
            foreach (var (symbol, candles) in loadData(spec))
            {
                Add(symbol, candles, $"--data {spec}");
            }
        }

        for (var i = 0; i < generate.Count; i++)
        {
            var (symbol, candles) = Generate(generate[i], i);
            Add(symbol, candles, $"--generate {generate[i]}");
        }

        return result;

        void Add(string symbol, IReadOnlyList<Candle> candles, string origin)
        {
            if (origins.TryGetValue(symbol, out var previous))
            {
                throw new ArgumentException($"{symbol} is given twice ({previous} and {origin}); put a symbol's monthly files in one folder and pass the folder");
            }

            if (candles.Count == 0)
            {
                throw new ArgumentException($"{origin}: no candles for {symbol}");
            }

            origins[symbol] = origin;
            result[symbol] = candles;
        }
    }

    /// <summary>
    /// Loads one data spec: <c>PATH</c> or <c>SYMBOL=PATH</c>, a candle file or a folder of them. Repeated bars are kept
    /// once and reported to <paramref name="warn"/>.
    /// </summary>
    public static IReadOnlyList<(string Symbol, IReadOnlyList<Candle> Candles)> LoadData(string spec, Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        string? symbol = null;
        var path = spec;
        var eq = spec.IndexOf('=', StringComparison.Ordinal);
        if (eq > 0 && spec[..eq].All(char.IsAsciiLetterOrDigit))
        {
            symbol = spec[..eq].ToUpperInvariant();
            path = spec[(eq + 1)..];
        }

        if (path.Length == 0)
        {
            throw new ArgumentException($"--data '{spec}': no path; expected PATH or SYMBOL=PATH");
        }

        try
        {
            if (Directory.Exists(path))
            {
                var series = CandleHistory.LoadFolder(path);
                if (symbol is null)
                {
                    foreach (var one in series)
                    {
                        Report(one);
                    }

                    return [.. series.Select(s => (s.Symbol, s.Candles))];
                }

                var match = series.FirstOrDefault(s => s.Symbol == symbol)
                    ?? throw new ArgumentException($"--data '{spec}': the folder holds no {symbol} files (it holds {string.Join(", ", series.Select(s => s.Symbol))})");
                Report(match);
                return [(symbol, match.Candles)];
            }

            if (!File.Exists(path))
            {
                throw new ArgumentException($"--data '{spec}': no such file or folder: {path}");
            }

            if (symbol is null)
            {
                if (!KlineFileName.TryParse(path, out var name))
                {
                    throw new ArgumentException(
                        $"--data '{spec}': cannot tell the symbol from the file name; name it like NEARUSDT-1m-2026-02.csv or pass SYMBOL=PATH");
                }

                symbol = name.Symbol;
            }

            var file = CandleHistory.LoadSeries(path, symbol);
            Report(file);
            return [(symbol, file.Candles)];
        }
        catch (InvalidDataException ex)
        {
            throw new ArgumentException($"--data '{spec}': {ex.Message}", ex);
        }

        void Report(CandleSeries series)
        {
            if (series.DuplicateReport is { } report)
            {
                warn?.Invoke($"--data {spec}: {report}");
            }
        }
    }

    /// <summary>Generates the random-walk series of <paramref name="spec"/>, the <paramref name="index"/>-th generated series of the run.</summary>
    public static (string Symbol, Candle[] Candles) Generate(string spec, int index)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var parts = spec.Split(':', StringSplitOptions.TrimEntries);
        if (parts.Length is < 2 or > 3 || parts[0].Length == 0 || !parts[0].All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException($"--generate '{spec}': expected {GenerateFormat}, e.g. BTCUSDT:100000:42");
        }

        if (!int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var bars) || bars <= 0 || bars > MaxGeneratedBars)
        {
            throw new ArgumentException($"--generate '{spec}': BARS must be a whole number from 1 to {MaxGeneratedBars}, got '{parts[1]}'");
        }

        var seed = 1;
        if (parts.Length == 3 && !int.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out seed))
        {
            throw new ArgumentException($"--generate '{spec}': SEED must be a whole number, got '{parts[2]}'");
        }

        var symbol = parts[0].ToUpperInvariant();
        return (symbol, RandomWalkMarketDataSource.GenerateCandles(symbol, bars, new RandomWalkOptions { Seed = seed }, index));
    }

    /// <summary>
    /// Splits <paramref name="candles"/> at <paramref name="until"/> (Unix epoch milliseconds): bars opening before it
    /// are in-sample, the others out-of-sample; a symbol left without bars on one side is left out of that side. Throws
    /// <see cref="ArgumentException"/> naming the date when <paramref name="symbol"/> has no bars on one side.
    /// </summary>
    public static (Dictionary<string, IReadOnlyList<Candle>> InSample, Dictionary<string, IReadOnlyList<Candle>> OutOfSample) Split(
        IReadOnlyDictionary<string, IReadOnlyList<Candle>> candles, long until, string symbol)
    {
        ArgumentNullException.ThrowIfNull(candles);
        ArgumentNullException.ThrowIfNull(symbol);
        var inSample = new Dictionary<string, IReadOnlyList<Candle>>(StringComparer.Ordinal);
        var outOfSample = new Dictionary<string, IReadOnlyList<Candle>>(StringComparer.Ordinal);
        foreach (var (name, series) in candles)
        {
            var cut = 0;
            while (cut < series.Count && series[cut].OpenTime < until)
            {
                cut++;
            }

            // Arrays, so that every run of the split data replays them without another copy.
            if (cut > 0)
            {
                inSample[name] = series.Take(cut).ToArray();
            }

            if (cut < series.Count)
            {
                outOfSample[name] = series.Skip(cut).ToArray();
            }
        }

        var date = Time(until);
        if (!candles.TryGetValue(symbol, out var all) || all.Count == 0)
        {
            throw new ArgumentException($"--train-until {date}: no data for {symbol}");
        }

        if (!inSample.ContainsKey(symbol))
        {
            throw new ArgumentException(
                $"--train-until {date}: {symbol} has no bars before it (its data starts at {Time(all[0].OpenTime)}), so nothing is left to train on");
        }

        if (!outOfSample.ContainsKey(symbol))
        {
            throw new ArgumentException(
                $"--train-until {date}: {symbol} has no bars from it on (its data ends at {Time(all[^1].CloseTime)}), so nothing is left out of sample");
        }

        return (inSample, outOfSample);

        // A time outside the calendar (a request from another client) prints as the number it is.
        static string Time(long ms) => ms is >= -62_135_596_800_000 and <= 253_402_300_799_999
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : ms.ToString(CultureInfo.InvariantCulture) + " ms";
    }

    /// <summary>
    /// The backtester options of <c>hive backtest</c>'s flags: fees and slippage in basis points, and whether open
    /// positions stay open at the end. Throws <see cref="ArgumentException"/> for values out of range.
    /// </summary>
    public static BacktestOptions Options(decimal feeBps, decimal slippageBps, bool keepOpen)
    {
        if (feeBps is < 0 or >= 10_000)
        {
            throw new ArgumentException($"--fee-bps must be between 0 and 10000, got {feeBps.ToString(CultureInfo.InvariantCulture)}");
        }

        if (slippageBps is < 0 or >= 10_000)
        {
            throw new ArgumentException($"--slippage-bps must be between 0 and 10000, got {slippageBps.ToString(CultureInfo.InvariantCulture)}");
        }

        return new BacktestOptions
        {
            FeeRate = feeBps / 10_000m,
            SlippageBps = slippageBps,
            CloseOpenPositionsAtEnd = !keepOpen,
        };
    }
}
