using System.Globalization;
using Hive.Trading.History;
using Hive.Trading.Market;
using Hive.Trading.Market.Sources;

namespace Hive.Commands.Backtest;

/// <summary>Loads <c>--data</c> (files and folders, <c>SYMBOL=PATH</c>) and <c>--generate SYMBOL:BARS[:SEED]</c> into candles per symbol.</summary>
internal static class BacktestData
{
    public const string GenerateFormat = "SYMBOL:BARS[:SEED]";
    private const int MaxGeneratedBars = 50_000_000;

    public static Dictionary<string, IReadOnlyList<Candle>> Load(IReadOnlyList<string> data, IReadOnlyList<string> generate)
    {
        var result = new Dictionary<string, IReadOnlyList<Candle>>(StringComparer.Ordinal);
        var origins = new Dictionary<string, string>(StringComparer.Ordinal);

        foreach (var spec in data)
        {
            foreach (var (symbol, candles) in LoadData(spec))
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
                throw new CliException($"{symbol} is given twice ({previous} and {origin}); put a symbol's monthly files in one folder and pass the folder");
            }

            if (candles.Count == 0)
            {
                throw new CliException($"{origin}: no candles for {symbol}");
            }

            origins[symbol] = origin;
            result[symbol] = candles;
        }
    }

    private static IEnumerable<(string Symbol, IReadOnlyList<Candle> Candles)> LoadData(string spec)
    {
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
            throw new CliException($"--data '{spec}': no path; expected PATH or SYMBOL=PATH");
        }

        try
        {
            if (Directory.Exists(path))
            {
                var series = CandleHistory.LoadFolder(path);
                if (symbol is null)
                {
                    return series.Select(s => (s.Symbol, s.Candles));
                }

                var match = series.FirstOrDefault(s => s.Symbol == symbol)
                    ?? throw new CliException($"--data '{spec}': the folder holds no {symbol} files (it holds {string.Join(", ", series.Select(s => s.Symbol))})");
                return [(symbol, match.Candles)];
            }

            if (!File.Exists(path))
            {
                throw new CliException($"--data '{spec}': no such file or folder: {path}");
            }

            if (symbol is null)
            {
                if (!KlineFileName.TryParse(path, out var name))
                {
                    throw new CliException(
                        $"--data '{spec}': cannot tell the symbol from the file name; name it like NEARUSDT-1m-2026-02.csv or pass SYMBOL=PATH");
                }

                symbol = name.Symbol;
            }

            return [(symbol, CandleHistory.LoadFile(path, symbol))];
        }
        catch (InvalidDataException ex)
        {
            throw new CliException($"--data '{spec}': {ex.Message}");
        }
    }

    private static (string Symbol, Candle[] Candles) Generate(string spec, int index)
    {
        var parts = spec.Split(':', StringSplitOptions.TrimEntries);
        if (parts.Length is < 2 or > 3 || parts[0].Length == 0 || !parts[0].All(char.IsAsciiLetterOrDigit))
        {
            throw new CliException($"--generate '{spec}': expected {GenerateFormat}, e.g. BTCUSDT:100000:42");
        }

        if (!int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var bars) || bars <= 0 || bars > MaxGeneratedBars)
        {
            throw new CliException($"--generate '{spec}': BARS must be a whole number from 1 to {MaxGeneratedBars}, got '{parts[1]}'");
        }

        var seed = 1;
        if (parts.Length == 3 && !int.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out seed))
        {
            throw new CliException($"--generate '{spec}': SEED must be a whole number, got '{parts[2]}'");
        }

        var symbol = parts[0].ToUpperInvariant();
        return (symbol, RandomWalkMarketDataSource.GenerateCandles(symbol, bars, new RandomWalkOptions { Seed = seed }, index));
    }
}
