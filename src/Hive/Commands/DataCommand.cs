using System.CommandLine;
using System.Globalization;
using Hive.Binance;
using Hive.Binance.History;
using Hive.Binance.Rest;
using Hive.Binance.Streams;
using Hive.Trading.Market;
using Spectre.Console;

namespace Hive.Commands;

/// <summary><c>hive data</c>: market data files; <c>hive data download</c> fetches Binance klines into archive CSVs.</summary>
internal static class DataCommand
{
    public static Command Create(TextWriter? output = null)
    {
        var command = new Command("data", "Market data: download history from Binance, watch its live streams.");
        command.Subcommands.Add(CreateDownload());
        command.Subcommands.Add(CreateWatch(output));
        return command;
    }

    private static Command CreateWatch(TextWriter? output)
    {
        var symbols = new Option<string>("--symbol") { Description = "Symbol, or several separated by commas, for example BTCUSDT,ETHUSDT.", Required = true };
        var interval = new Option<string>("--interval") { Description = "Kline interval: " + string.Join(", ", BinanceIntervals.All) + ".", DefaultValueFactory = _ => "1m" };
        var quotes = new Option<bool>("--quotes") { Description = "Also show best bid/ask (bookTicker)." };
        var trades = new Option<bool>("--trades") { Description = "Also show trades." };
        var forming = new Option<bool>("--forming") { Description = "Also show candles still forming, not only closed ones." };
        var count = new Option<int>("--count") { Description = "Stop after this many events (0: run until Ctrl+C).", DefaultValueFactory = _ => 0 };
        var baseUrl = BaseUrlOption();
        var streamUrl = new Option<string>("--stream-url") { Description = "Binance WebSocket base URL (production, testnet or a local exchange).", DefaultValueFactory = _ => BinanceOptions.ProductionStreamUrl.ToString() };

        var command = new Command("watch", "Print live Binance market events (candles, quotes, trades, and gaps after reconnects) to stdout.");
        command.Options.Add(symbols);
        command.Options.Add(interval);
        command.Options.Add(quotes);
        command.Options.Add(trades);
        command.Options.Add(forming);
        command.Options.Add(count);
        command.Options.Add(baseUrl);
        command.Options.Add(streamUrl);
        command.SetAction(async (parse, ct) =>
        {
            var names = parse.GetValue(symbols)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var kline = parse.GetValue(interval)!;
            if (!BinanceIntervals.IsValid(kline))
            {
                throw new CliException($"--interval: '{kline}' is not a Binance interval ({string.Join(", ", BinanceIntervals.All)})");
            }

            var max = parse.GetValue(count);
            if (names.Length == 0 || max < 0)
            {
                throw new CliException(names.Length == 0 ? "--symbol: no symbol given" : "--count: must be 0 or more");
            }

            var options = new BinanceOptions { RestBaseUrl = ParseUrl(parse.GetValue(baseUrl)!), StreamBaseUrl = ParseStreamUrl(parse.GetValue(streamUrl)!) };
            await ProbeAsync(options.StreamBaseUrl, ct).ConfigureAwait(false);
            var source = new BinanceMarketDataSource(names, options, kline, parse.GetValue(quotes), parse.GetValue(trades), closedCandlesOnly: !parse.GetValue(forming));
            var writer = output ?? Console.Out;
            var seen = 0;
            try
            {
                await foreach (var e in source.ReadAsync(ct).ConfigureAwait(false))
                {
                    await writer.WriteLineAsync(Describe(e)).ConfigureAwait(false);
                    await writer.FlushAsync(ct).ConfigureAwait(false);
                    if (max > 0 && ++seen >= max)
                    {
                        break;
                    }
                }
            }
            catch (Exception) when (ct.IsCancellationRequested)
            {
                // Ctrl-C: whatever the stream was doing when it was torn down, the user asked to stop.
                return ExitCodes.Cancelled;
            }

            return ExitCodes.Success;
        });
        return command;
    }

    internal static string Describe(in MarketEvent e) => e.Kind switch
    {
        MarketEventKind.Candle => string.Create(CultureInfo.InvariantCulture, $"candle {e.Symbol} {e.Candle.OpenTimeUtc:yyyy-MM-ddTHH:mm:ssZ} o={e.Candle.Open} h={e.Candle.High} l={e.Candle.Low} c={e.Candle.Close} v={e.Candle.Volume}{(e.Candle.IsClosed ? string.Empty : " forming")}"),
        MarketEventKind.Quote => string.Create(CultureInfo.InvariantCulture, $"quote {e.Symbol} bid={e.Quote.BidPrice}x{e.Quote.BidQuantity} ask={e.Quote.AskPrice}x{e.Quote.AskQuantity}"),
        MarketEventKind.Trade => string.Create(CultureInfo.InvariantCulture, $"trade {e.Symbol} #{e.Trade.TradeId} {e.Trade.Quantity}@{e.Trade.Price}{(e.Trade.BuyerIsMaker ? " sell" : " buy")}"),
        _ => $"gap {e.Symbol} {e.GapReason}",
    };

    /// <summary>How long <c>hive data watch</c> tries to reach the stream host before it gives up.</summary>
    internal static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);

    // The stream source reconnects forever, which is right once it ran but leaves a user without network staring at
    // nothing: one plain TCP connection to the host first tells them at once that it cannot be reached.
    private static async Task ProbeAsync(Uri streamUrl, CancellationToken cancellationToken)
    {
        var port = streamUrl.IsDefaultPort ? (streamUrl.Scheme == "wss" ? 443 : 80) : streamUrl.Port;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        using var client = new System.Net.Sockets.TcpClient();
        try
        {
            await client.ConnectAsync(streamUrl.Host, port, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException($"cannot reach Binance streams at {streamUrl}: no connection within {ProbeTimeout.TotalSeconds:0} s", ExitCodes.Unavailable);
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            throw new CliException($"cannot reach Binance streams at {streamUrl}: {ex.Message}", ExitCodes.Unavailable);
        }
    }

    private static Option<string> BaseUrlOption() =>
        new("--base-url") { Description = "Binance REST base URL (production, testnet or a local exchange).", DefaultValueFactory = _ => BinanceOptions.ProductionRestUrl.ToString() };

    private static Uri ParseStreamUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("ws" or "wss"))
        {
            throw new CliException($"--stream-url: '{text}' is not a ws(s) URL");
        }

        return uri;
    }

    private static Command CreateDownload()
    {
        var symbol = new Option<string>("--symbol") { Description = "Symbol, for example BTCUSDT.", Required = true };
        var interval = new Option<string>("--interval") { Description = "Kline interval: " + string.Join(", ", BinanceIntervals.All) + ".", DefaultValueFactory = _ => "1m" };
        var from = new Option<string>("--from") { Description = "First day (yyyy-MM-dd, UTC) or an ISO 8601 time.", Required = true };
        var to = new Option<string>("--to") { Description = "Last day, included (yyyy-MM-dd, UTC), or an ISO 8601 time, excluded.", Required = true };
        var output = new Option<string>("--out") { Description = "Folder of the monthly CSV files.", Required = true };
        var baseUrl = BaseUrlOption();

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
