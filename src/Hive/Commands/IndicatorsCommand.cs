using System.CommandLine;
using System.Globalization;
using System.Text;
using Hive.Trading.History;
using Hive.Trading.Market;

namespace Hive.Commands;

/// <summary>
/// <c>hive indicators</c>: computes indicators over a candle file and writes CSV to stdout: the bar's open time as
/// ISO-8601 UTC, then one column per indicator output, blank until the indicator is ready, numbers in invariant culture
/// with round-trip precision.
/// </summary>
internal static class IndicatorsCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input", "-i")
        {
            Description = "Candle file: Binance kline archive CSV (futures or spot, ms or µs), Binance REST kline JSON, "
                + "or CSV with a header time,open,high,low,close[,volume] (LEAN/Stock.Indicators fixture shapes included).",
            Required = true,
        };
        var indicators = new Option<string[]>("--indicator")
        {
            Description = $"Indicator to compute, repeatable: {IndicatorSpec.Known}.",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };

        var command = new Command("indicators", "Compute indicators over a candle file and write CSV to stdout.");
        command.Options.Add(input);
        command.Options.Add(indicators);
        command.SetAction(int (parseResult) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var standardOutput = ReferenceEquals(output, Console.Out);
            using var writer = standardOutput
                ? new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16)
                : null;
            Run(parseResult.GetValue(input)!, parseResult.GetValue(indicators) ?? [], writer ?? output);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Reads <paramref name="inputPath"/>, computes <paramref name="specs"/> and writes the CSV to <paramref name="output"/>.</summary>
    internal static void Run(string inputPath, IReadOnlyList<string> specs, TextWriter output)
    {
        if (specs.Count == 0)
        {
            throw new CliException($"give at least one --indicator ({IndicatorSpec.Known})");
        }

        var parsed = new List<IndicatorSpec>(specs.Count);
        var columns = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in specs)
        {
            var spec = IndicatorSpec.Parse(text);
            if (!columns.Add(spec.Columns[0]))
            {
                throw new CliException($"--indicator {text} is given twice");
            }

            parsed.Add(spec);
        }

        if (Directory.Exists(inputPath))
        {
            throw new CliException($"--input takes a candle file; {inputPath} is a folder");
        }

        if (!File.Exists(inputPath))
        {
            throw new CliException($"input file not found: {inputPath}");
        }

        Candle[] candles;
        try
        {
            candles = CandleHistory.LoadFile(inputPath);
        }
        catch (InvalidDataException ex)
        {
            throw new CliException(ex.Message);
        }

        output.Write("time");
        foreach (var spec in parsed)
        {
            foreach (var column in spec.Columns)
            {
                output.Write(',');
                output.Write(column);
            }
        }

        output.Write('\n');
        Span<char> time = stackalloc char[32];
        foreach (var candle in candles)
        {
            candle.OpenTimeUtc.TryFormat(time, out var written, "yyyy-MM-dd'T'HH:mm:ss.FFF'Z'", CultureInfo.InvariantCulture);
            output.Write(time[..written]);
            foreach (var spec in parsed)
            {
                spec.Update(candle);
                spec.WriteCells(output);
            }

            output.Write('\n');
        }

        output.Flush();
    }
}
