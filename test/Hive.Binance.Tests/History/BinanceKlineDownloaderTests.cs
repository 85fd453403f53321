using Hive.Binance.History;
using Hive.Binance.Rest;
using Hive.Binance.Testing;

namespace Hive.Binance.Tests.History;

public sealed class BinanceKlineDownloaderTests : IDisposable
{
    private static readonly DateTimeOffset From = new(2024, 1, 31, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2024, 2, 2, 0, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("hive-binance-download-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task DownloadAsync_RangeAcrossMonths_WritesMonthlyFilesIdenticalToWhatWasServed()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        server.GenerateKlines("BTCUSDT", "1m", From.AddHours(-1).ToUnixTimeMilliseconds(), 60 * 50);
        using var client = new BinanceRestClient(server.ClientOptions());
        var sut = new BinanceKlineDownloader(client);

        var result = await sut.DownloadAsync(new KlineDownloadRequest("btcusdt", "1m", From, To, _dir));

        Assert.Equal([Path.Combine(_dir, "BTCUSDT-1m-2024-01.csv"), Path.Combine(_dir, "BTCUSDT-1m-2024-02.csv")], result.Files);
        Assert.Equal(2 * 1440, result.RowsWritten);
        Assert.Equal(Expected(server, From, new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero)), File.ReadAllText(result.Files[0]));
        Assert.Equal(Expected(server, new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero), To), File.ReadAllText(result.Files[1]));
        Assert.DoesNotContain("open_time", File.ReadAllText(result.Files[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DownloadAsync_InterruptedWithATornLine_ResumesAndEndsCompleteWithoutDuplicates()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        server.GenerateKlines("ETHUSDT", "1m", From.ToUnixTimeMilliseconds(), 2 * 1440);
        using var client = new BinanceRestClient(server.ClientOptions());
        var sut = new BinanceKlineDownloader(client);
        var request = new KlineDownloadRequest("ETHUSDT", "1m", From, To, _dir);
        server.AbortKlinesAfter(1);

        await Assert.ThrowsAsync<HttpRequestException>(() => sut.DownloadAsync(request));
        var january = Path.Combine(_dir, "ETHUSDT-1m-2024-01.csv");
        var rowsBefore = File.ReadAllLines(january).Length;
        File.AppendAllText(january, "1706684400000,2001.5,20");
        server.AbortKlinesAfter(-1);
        var result = await sut.DownloadAsync(request);

        Assert.Equal(1000, rowsBefore);
        Assert.True(result.Resumed);
        Assert.Equal(1, result.TornLinesRemoved);
        Assert.Equal(2 * 1440 - 1000, result.RowsWritten);
        Assert.Equal(Expected(server, From, new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero)), File.ReadAllText(january));
        Assert.Equal(Expected(server, new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero), To), File.ReadAllText(result.Files[1]));
    }

    [Fact]
    public async Task DownloadAsync_AlreadyComplete_WritesNothingMore()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        server.GenerateKlines("ETHUSDT", "1h", From.ToUnixTimeMilliseconds(), 48);
        using var client = new BinanceRestClient(server.ClientOptions());
        var sut = new BinanceKlineDownloader(client);
        var request = new KlineDownloadRequest("ETHUSDT", "1h", From, To, _dir);
        await sut.DownloadAsync(request);
        var requestsBefore = server.CountRequests("GET", "/api/v3/klines");

        var result = await sut.DownloadAsync(request);

        Assert.Equal(0, result.RowsWritten);
        Assert.Equal(requestsBefore, server.CountRequests("GET", "/api/v3/klines"));
        Assert.Equal(48, result.Files.Sum(f => File.ReadAllLines(f).Length));
    }

    [Fact]
    public async Task DownloadAsync_UnknownSymbol_ThrowsInvalidSymbolBeforeWritingAnything()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        using var client = new BinanceRestClient(server.ClientOptions());
        var sut = new BinanceKlineDownloader(client);

        var ex = await Assert.ThrowsAsync<BinanceApiException>(() => sut.DownloadAsync(new KlineDownloadRequest("NOPEUSDT", "1m", From, To, _dir)));

        Assert.Equal(BinanceErrorCode.InvalidSymbol, ex.Error.Kind);
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void RepairAndReadBounds_CorruptLastRow_NamesFileAndLine()
    {
        var path = Path.Combine(_dir, "X-1m-2024-01.csv");
        File.WriteAllText(path, "1,2,3,4,5,6,7,8,9,10,11,0\nnot,a,row\n");

        var ex = Assert.Throws<InvalidDataException>(() => BinanceArchiveFile.RepairAndReadBounds(path));

        Assert.Contains(path + ":2:", ex.Message, StringComparison.Ordinal);
    }

    private static string Expected(FakeBinanceServer server, DateTimeOffset from, DateTimeOffset to) =>
        server.ArchiveText(server.Requests.Count > 0 ? SymbolOf(server) : "BTCUSDT", IntervalOf(server), from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds());

    private static string SymbolOf(FakeBinanceServer server) =>
        server.Requests.Last(r => r.Path == "/api/v3/klines").Query.Split('&')[0]["symbol=".Length..];

    private static string IntervalOf(FakeBinanceServer server) =>
        server.Requests.Last(r => r.Path == "/api/v3/klines").Query.Split('&')[1]["interval=".Length..];
}
