using System.CommandLine;
using System.Globalization;
using Hive.Binance;
using Hive.Binance.History;
using Hive.Binance.Rest;
using Spectre.Console;

namespace Hive.Commands;

/// <summary><c>hive data</c>: market data files; <c>hive data download</c> fetches Binance klines into archive CSVs.</summary>
internal static class DataCommand
{
    public static Command Create()
    {
        var command = new Command("data", "Market data files: download history from Binance.");
        command.Subcommands.Add(CreateDownload());
        return command;
    }

    private static Command CreateDownload()
    {
        var symbol = new Option<string>("--symbol") { Description = "Symbol, for example BTCUSDT.", Required = true };
        var interval = new Option<string>("--interval") { Description = "Kline interval: " + string.Join(", ", BinanceIntervals.All) + ".", DefaultValueFactory = _ => "1m" };
        var from = new Option<string>("--from") { Description = "First day (yyyy-MM-dd, UTC) or an ISO 8601 time.", Required = true };
        var to = new Option<string>("--to") { Description = "Last day, included (yyyy-MM-dd, UTC), or an ISO 8601 time, excluded.", Required = true };
        var output = new Option<string>("--out") { Description = "Folder of the monthly CSV files.", Required = true };
        var baseUrl = new Option<string>("--base-url") { Description = "Binance REST base URL (production, testnet or a local exchange).", DefaultValueFactory = _ => BinanceOptions.ProductionRestUrl.ToString() };

        var command = new Command(
            "download",
            "Download klines into Binance archive-format CSV files (SYMBOL-INTERVAL-YYYY-MM.csv, no header, 12 columns), resuming where an earlier run stopped.");
        command.Options.Add(symbol);
        command.Options.Add(interval);
        command.Options.Add(from);
        command.Options.Add(to);
        command.Options.Add(output);
        command.Options.Add(baseUrl);
        command.SetAction(async (parse, ct) =>
        {
            var request = new KlineDownloadRequest(
                parse.GetValue(symbol)!.Trim().ToUpperInvariant(),
                parse.GetValue(interval)!,
                ParseTime(parse.GetValue(from)!, "--from", endOfDay: false),
                ParseTime(parse.GetValue(to)!, "--to", endOfDay: true),
                parse.GetValue(output)!);
            var url = ParseUrl(parse.GetValue(baseUrl)!);
            return await DownloadAsync(request, url, ct).ConfigureAwait(false);
        });
        return command;
    }

    internal static async Task<int> DownloadAsync(KlineDownloadRequest request, Uri baseUrl, CancellationToken cancellationToken)
    {
        if (!BinanceIntervals.IsValid(request.Interval))
        {
            throw new CliException($"--interval: '{request.Interval}' is not a Binance interval ({string.Join(", ", BinanceIntervals.All)})");
        }

        if (request.From >= request.To)
        {
            throw new CliException($"--from {request.From:yyyy-MM-dd HH:mm} is not before --to {request.To:yyyy-MM-dd HH:mm}: nothing to download");
        }

        using var client = new BinanceRestClient(new BinanceOptions { RestBaseUrl = baseUrl });
        var downloader = new BinanceKlineDownloader(client);
        KlineDownloadResult result;
        try
        {
            if (Console.IsOutputRedirected)
            {
                result = await downloader.DownloadAsync(request, null, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                result = await AnsiConsole.Progress()
                    .AutoClear(false)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .StartAsync(async context =>
                    {
                        var task = context.AddTask($"{request.Symbol} {request.Interval}", maxValue: 1.0);
                        var progress = new Progress<KlineDownloadProgress>(p =>
                        {
                            task.Value = p.Fraction;
                            task.Description = $"{request.Symbol} {request.Interval} {Path.GetFileName(p.CurrentFile)} ({p.RowsWritten:N0} rows)";
                        });
                        var r = await downloader.DownloadAsync(request, progress, cancellationToken).ConfigureAwait(false);
                        task.Value = 1.0;
                        return r;
                    }).ConfigureAwait(false);
            }
        }
        catch (BinanceApiException ex) when (ex.Error.Kind == BinanceErrorCode.InvalidSymbol)
        {
            throw new CliException($"--symbol: Binance at {baseUrl} does not know '{request.Symbol}' ({ex.Error.Message} code {ex.Error.Code})");
        }
        catch (BinanceApiException ex)
        {
            throw new CliException($"Binance at {baseUrl} refused the download: {ex.Error}", ExitCodes.Unavailable);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException($"cannot reach Binance at {baseUrl}: {ex.Message}; rerun the same command to resume", ExitCodes.Unavailable);
        }
        catch (TimeoutException ex)
        {
            throw new CliException($"Binance at {baseUrl} did not answer: {ex.Message}; rerun the same command to resume", ExitCodes.Unavailable);
        }

        var resumed = result.Resumed ? " (resumed after the rows already on disk)" : string.Empty;
        Console.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{request.Symbol} {request.Interval}: wrote {result.RowsWritten} rows{resumed} to {result.Files.Count} file(s) in {request.OutputDirectory}"));
        return ExitCodes.Success;
    }

    internal static DateTimeOffset ParseTime(string text, string option, bool endOfDay)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfDay ? start.AddDays(1) : start;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            && text.Contains('T', StringComparison.Ordinal))
        {
            return time;
        }

        throw new CliException($"{option}: '{text}' is not a date (expected yyyy-MM-dd, UTC, or an ISO 8601 time such as 2024-01-31T12:00:00Z)");
    }

    private static Uri ParseUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new CliException($"--base-url: '{text}' is not an http(s) URL");
        }

        return uri;
    }
}
