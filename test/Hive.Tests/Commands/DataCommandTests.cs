using Hive.Binance.Testing;
using Hive.Commands;

namespace Hive.Tests.Commands;

public sealed class DataCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hive-data-download-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Download_FakeExchange_WritesArchiveFilesIdenticalToWhatWasServed()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        var from = new DateTimeOffset(2024, 3, 31, 0, 0, 0, TimeSpan.Zero);
        server.GenerateKlines("BTCUSDT", "5m", from.ToUnixTimeMilliseconds(), 2 * 288);

        var exit = await RunAsync("data", "download", "--symbol", "btcusdt", "--interval", "5m", "--from", "2024-03-31", "--to", "2024-04-01", "--out", _dir, "--base-url", server.RestUrl.ToString());

        Assert.Equal(0, exit);
        var april = new DateTimeOffset(2024, 4, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(
            server.ArchiveText("BTCUSDT", "5m", from.ToUnixTimeMilliseconds(), april.ToUnixTimeMilliseconds()),
            File.ReadAllText(Path.Combine(_dir, "BTCUSDT-5m-2024-03.csv")));
        Assert.Equal(
            server.ArchiveText("BTCUSDT", "5m", april.ToUnixTimeMilliseconds(), april.AddDays(1).ToUnixTimeMilliseconds()),
            File.ReadAllText(Path.Combine(_dir, "BTCUSDT-5m-2024-04.csv")));
    }

    [Fact]
    public async Task Download_ServerDropsMidway_FailsThenResumesToCompleteFilesWithoutDuplicates()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        var from = new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);
        server.GenerateKlines("ETHUSDT", "1m", from.ToUnixTimeMilliseconds(), 3 * 1440);
        string[] args = ["data", "download", "--symbol", "ETHUSDT", "--interval", "1m", "--from", "2024-05-01", "--to", "2024-05-03", "--out", _dir, "--base-url", server.RestUrl.ToString()];
        server.AbortKlinesAfter(2);

        var failed = await RunAsync(args);
        var partialRows = File.ReadAllLines(Path.Combine(_dir, "ETHUSDT-1m-2024-05.csv")).Length;
        server.AbortKlinesAfter(-1);
        var resumed = await RunAsync(args);

        Assert.Equal(ExitCodes.Unavailable, failed);
        Assert.Equal(2000, partialRows);
        Assert.Equal(0, resumed);
        var text = File.ReadAllText(Path.Combine(_dir, "ETHUSDT-1m-2024-05.csv"));
        Assert.Equal(server.ArchiveText("ETHUSDT", "1m", from.ToUnixTimeMilliseconds(), from.AddDays(3).ToUnixTimeMilliseconds()), text);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(lines.Length, lines.Select(l => l.Split(',')[0]).Distinct().Count());
    }

    [Theory]
    [InlineData("--from", "2024-13-01")]
    [InlineData("--to", "yesterday")]
    [InlineData("--interval", "7m")]
    public async Task Download_BadInput_ExitsWithBadInput(string option, string value)
    {
        List<string> args = ["data", "download", "--symbol", "BTCUSDT", "--interval", "1m", "--from", "2024-01-01", "--to", "2024-01-02", "--out", _dir, "--base-url", "http://127.0.0.1:9"];
        args[args.IndexOf(option) + 1] = value;

        var exit = await RunAsync([.. args]);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public async Task Download_UnknownSymbol_ExitsWithBadInput()
    {
        await using var server = await FakeBinanceServer.StartAsync();

        var exit = await RunAsync("data", "download", "--symbol", "NOPEUSDT", "--from", "2024-01-01", "--to", "2024-01-02", "--out", _dir, "--base-url", server.RestUrl.ToString());

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public async Task Download_UnreachableHost_ExitsUnavailable()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var exit = await RunAsync("data", "download", "--symbol", "BTCUSDT", "--from", "2024-01-01", "--to", "2024-01-02", "--out", _dir, "--base-url", $"http://127.0.0.1:{port}");

        Assert.Equal(ExitCodes.Unavailable, exit);
    }

    [Fact]
    public async Task Watch_FakeExchange_PrintsClosedCandlesAndTradesThenStopsAtCount()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        using var output = new StringWriter();
        var watch = RunAsync(output, "data", "watch", "--symbol", "ethusdt", "--interval", "1m", "--trades", "--count", "2", "--base-url", server.RestUrl.ToString(), "--stream-url", server.StreamUrl.ToString());

        await server.WaitForSubscribersAsync("ethusdt@trade");
        await server.PublishAsync("ethusdt@kline_1m", """{"e":"kline","E":1,"s":"ETHUSDT","k":{"t":0,"T":59999,"s":"ETHUSDT","i":"1m","o":"1.5","c":"2.5","h":"3","l":"1","v":"10","x":false}}""");
        await server.PublishAsync("ethusdt@kline_1m", """{"e":"kline","E":1,"s":"ETHUSDT","k":{"t":0,"T":59999,"s":"ETHUSDT","i":"1m","o":"1.5","c":"2.25","h":"3","l":"1","v":"12","x":true}}""");
        await server.PublishAsync("ethusdt@trade", """{"e":"trade","E":2,"s":"ETHUSDT","t":42,"p":"2.5","q":"0.5","T":2,"m":true}""");
        var exit = await watch.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(0, exit);
        Assert.Equal(
            ["candle ETHUSDT 1970-01-01T00:00:00Z o=1.5 h=3 l=1 c=2.25 v=12", "trade ETHUSDT #42 0.5@2.5 sell"],
            output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task Watch_BadStreamUrl_ExitsWithBadInput()
    {
        var exit = await RunAsync("data", "watch", "--symbol", "BTCUSDT", "--stream-url", "http://127.0.0.1:9");

        Assert.Equal(ExitCodes.BadInput, exit);
    }

    [Fact]
    public async Task Watch_StreamHostUnreachable_ExitsUnavailableWithinSeconds()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var exit = await RunAsync("data", "watch", "--symbol", "BTCUSDT", "--stream-url", $"ws://127.0.0.1:{port}")
            .WaitAsync(DataCommand.ProbeTimeout + TimeSpan.FromSeconds(10));

        Assert.Equal(ExitCodes.Unavailable, exit);
    }

    [Fact]
    public async Task Watch_CtrlC_ExitsWith130AndNoInternalError()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "exec", typeof(CliException).Assembly.Location, "data", "watch", "--symbol", "ethusdt", "--stream-url", server.StreamUrl.ToString() })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        // A loaded machine can take long to start a process; the watch must have subscribed (not exited) before Ctrl-C.
        var subscribed = server.WaitForSubscribersAsync("ethusdt@kline_1m");
        var first = await Task.WhenAny(subscribed, process.WaitForExitAsync()).WaitAsync(TimeSpan.FromSeconds(90));
        if (first != subscribed)
        {
            Assert.Fail($"hive data watch exited ({process.ExitCode}) before subscribing: {await stderr}");
        }

        using (var interrupt = System.Diagnostics.Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await interrupt.WaitForExitAsync();
        }

        // Generous: on a loaded 2-core machine the stream's tear-down can take a while; a hang still fails, with stderr.
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(exited, Task.Delay(TimeSpan.FromSeconds(90))) != exited)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"hive data watch did not exit within 90 s of Ctrl-C: {await stderr}");
        }

        await exited;
        Assert.Equal(ExitCodes.Cancelled, process.ExitCode);
        Assert.DoesNotContain("internal error", await stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, await stdout);
    }

    private static Task<int> RunAsync(params string[] args) => RunAsync(null, args);

    private static Task<int> RunAsync(TextWriter? output, params string[] args) => CliHarness.RunDataAsync(output, args);
}
