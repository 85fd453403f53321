using System.CommandLine;
using Hive.Commands;
using Hive.Grains.Backtests;
using Hive.Trading.Backtesting;
using Hive.Trading.Strategies;
using Spectre.Console;

namespace Hive.Grains.Tests.Platform;

[Collection(PlatformClusterCollection.Name)]
public sealed class BacktestGrainTests(PlatformClusterFixture fixture)
{
    private readonly PlatformCluster _platform = fixture.Platform;
    private readonly Scripts _scripts = fixture.Scripts;

    [Fact]
    public async Task RunAsync_SameInputAsHiveBacktest_GivesTheSameReport()
    {
        var output = Directory.CreateDirectory(Path.Combine(_scripts.Folder, "cli-report")).FullName;
        await RunCliAsync("--generate", "BTCUSDT:3000:42", "--generate", "ETHUSDT:2000:9",
            "--runner", "btc_ema:BTCUSDT:ema-cross:fast=5,slow=20",
            "--runner", $"eth_cycle:ETHUSDT:{_scripts.Cycle}:hold=3",
            "--fee-bps", "7.5", "--slippage-bps", "2", "--out", output);
        var cli = File.ReadAllText(Path.Combine(output, BacktestReportWriter.JsonFileName));
        var sut = _platform.Grains.GetGrain<IBacktestGrain>("parity");

        var result = await sut.RunAsync(new BacktestRequest(
            [],
            ["BTCUSDT:3000:42", "ETHUSDT:2000:9"],
            [
                Definitions.Runner("btc_ema", "BTCUSDT", "ema-cross", "fast=5,slow=20", quantity: null),
                Definitions.Runner("eth_cycle", "ETHUSDT", _scripts.Cycle, "hold=3", quantity: null),
            ],
            FeeBps: 7.5m,
            SlippageBps: 2m));

        Assert.Equal(5000, result.Bars);
        Assert.Empty(result.StoppedRunners);
        Assert.Equal(cli, result.ReportJson);
        Assert.Contains("\"btc_ema\"", result.ReportJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MissingDataFile_FailsNamingIt()
    {
        var sut = _platform.Grains.GetGrain<IBacktestGrain>("missing");
        var missing = Path.Combine(_scripts.Folder, "BTCUSDT-1m-2020-01.csv");

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => sut.RunAsync(new BacktestRequest([missing], [], [Definitions.Runner("m", "BTCUSDT", "ema-cross")])));

        Assert.Contains("BTCUSDT-1m-2020-01.csv", error.Message, StringComparison.Ordinal);
    }

    private static async Task RunCliAsync(params string[] args)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(TextWriter.Null),
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.No,
        });
        var root = new RootCommand();
        root.Subcommands.Add(BacktestCommand.Create(StrategyCatalog.Default, console));
        var exit = await root.Parse(["backtest", .. args]).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        Assert.Equal(0, exit);
    }
}
