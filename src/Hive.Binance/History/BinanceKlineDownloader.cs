using System.Text;
using Hive.Binance.Rest;

namespace Hive.Binance.History;

/// <summary>
/// Downloads klines over REST into Binance's monthly archive files (<see cref="BinanceArchiveFile"/>), writing every
/// field as the exchange sent it. A run resumes where an earlier one stopped: each month's file is repaired (a torn
/// last line is cut off) and appended to after its last complete row, so rows are never duplicated.
/// </summary>
public sealed class BinanceKlineDownloader
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private readonly BinanceRestClient _client;

    /// <summary>Creates a downloader over <paramref name="client"/>.</summary>
    public BinanceKlineDownloader(BinanceRestClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <summary>Downloads the range.</summary>
    /// <exception cref="ArgumentException">Bad symbol, interval or range.</exception>
    /// <exception cref="BinanceApiException">The exchange refused (for example -1121 for an unknown symbol).</exception>
    /// <exception cref="HttpRequestException">The exchange could not be reached.</exception>
    public async Task<KlineDownloadResult> DownloadAsync(KlineDownloadRequest request, IProgress<KlineDownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Symbol);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.OutputDirectory);
        if (!BinanceIntervals.IsValid(request.Interval))
        {
            throw new ArgumentException($"interval '{request.Interval}' is not one of Binance's: {string.Join(", ", BinanceIntervals.All)}");
        }

        if (request.From >= request.To)
        {
            throw new ArgumentException($"the range is empty: from {request.From:O} is not before to {request.To:O}");
        }

        var symbol = request.Symbol.ToUpperInvariant();
        var info = await _client.GetExchangeInfoAsync([symbol], cancellationToken).ConfigureAwait(false);
        if (info.Find(symbol) is null)
        {
            throw new BinanceApiException(new BinanceApiError((int)BinanceErrorCode.InvalidSymbol, "Invalid symbol.", 400), "/api/v3/exchangeInfo");
        }

        Directory.CreateDirectory(request.OutputDirectory);
        var from = request.From.ToUnixTimeMilliseconds();
        var to = request.To.ToUnixTimeMilliseconds();
        var files = new List<string>();
        long written = 0;
        var skipped = false;
        var torn = 0;
        var month = new DateTimeOffset(request.From.UtcDateTime.Year, request.From.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);
        while (month.ToUnixTimeMilliseconds() < to)
        {
            var next = month.AddMonths(1);
            var rangeStart = Math.Max(from, month.ToUnixTimeMilliseconds());
            var rangeEnd = Math.Min(to, next.ToUnixTimeMilliseconds());
            var path = Path.Combine(request.OutputDirectory, BinanceArchiveFile.FileName(symbol, request.Interval, month.Year, month.Month));
            files.Add(path);
            var resumeFrom = rangeStart;
            if (File.Exists(path))
            {
                var lengthBefore = new FileInfo(path).Length;
                var bounds = BinanceArchiveFile.RepairAndReadBounds(path);
                if (new FileInfo(path).Length != lengthBefore)
                {
                    torn++;
                }

                if (bounds is { } b)
                {
                    if (b.First > rangeStart)
                    {
                        // The file starts later than asked: refill the whole month rather than leave a hole at its head.
                        File.WriteAllBytes(path, []);
                    }
                    else
                    {
                        // The next kline would open at Last + interval: if that is past the range, the month is complete.
                        resumeFrom = b.Last + BinanceIntervals.Milliseconds(request.Interval) >= rangeEnd ? rangeEnd : Math.Max(rangeStart, b.Last + 1);
                        skipped = true;
                    }
                }
            }

            if (resumeFrom < rangeEnd)
            {
                written += await DownloadMonthAsync(symbol, request.Interval, path, resumeFrom, rangeEnd, from, to, written, progress, cancellationToken).ConfigureAwait(false);
            }

            month = next;
            progress?.Report(new KlineDownloadProgress(Math.Min(1, (double)(rangeEnd - from) / (to - from)), written, path));
        }

        return new KlineDownloadResult(files, written, skipped, torn);
    }

    private async Task<long> DownloadMonthAsync(
        string symbol, string interval, string path, long start, long end, long from, long to, long writtenBefore,
        IProgress<KlineDownloadProgress>? progress, CancellationToken cancellationToken)
    {
        long written = 0;
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        await using (stream.ConfigureAwait(false))
        {
            var writer = new StreamWriter(stream, Utf8NoBom) { NewLine = "\n" };
            await using (writer.ConfigureAwait(false))
            {
                await foreach (var page in _client.GetKlineHistoryAsync(symbol, interval, start, end, cancellationToken).ConfigureAwait(false))
                {
                    foreach (var row in page)
                    {
                        if (row.OpenTime < start || row.OpenTime >= end)
                        {
                            continue;
                        }

                        await writer.WriteLineAsync(row.ToArchiveLine()).ConfigureAwait(false);
                        written++;
                    }

                    // A page is on disk before the next is asked for: an interruption loses at most a torn line.
                    await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                    progress?.Report(new KlineDownloadProgress(Math.Min(1, (double)(page[^1].OpenTime - from) / (to - from)), writtenBefore + written, path));
                }
            }
        }

        return written;
    }
}
