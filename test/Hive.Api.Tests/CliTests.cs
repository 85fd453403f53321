using Hive.Commands;

namespace Hive.Api.Tests;

/// <summary>The control commands as the real <c>hive</c> executable runs them against a running <c>hive run</c>.</summary>
public sealed class CliTests(HiveRunFixture fixture) : IClassFixture<HiveRunFixture>
{
    private HiveRun Run => fixture.Run;

    [Fact]
    public void RunnerAdd_LocalRun_AddsTheRunnerFoundThroughTheDataDirectory()
    {
        var runners = Path.Combine(fixture.Root, "cli-runners.yaml");
        File.WriteAllText(runners, "- id: cli_alt\n  symbol: SOLUSDT\n  strategy: alternating.lua\n");

        var (code, stdout, stderr) = Hive("runner", "add", "--runners", runners, "--data-dir", Run.DataDirectory);
        var (listCode, list, _) = Hive("runner", "list", "--data-dir", Run.DataDirectory, "--json");

        Assert.True(code == 0, stderr);
        Assert.Contains("added 1 runner: cli_alt", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', stdout);
        Assert.Equal(0, listCode);
        Assert.Contains("\"id\": \"cli_alt\"", list, StringComparison.Ordinal);
    }

    [Fact]
    public void RunnerShow_UnknownRunner_OneErrorLineNotFoundAndExitCode2()
    {
        var (code, stdout, stderr) = Hive("runner", "show", "btc_emaa", "--server", Run.Address.ToString(), "--api-token", Run.Token);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal(string.Empty, stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: NOT_FOUND: runner 'btc_emaa' does not exist", line, StringComparison.Ordinal);
    }

    [Fact]
    public void RunnerAdd_BadRunnersFile_InvalidArgumentNamingFileAndLine()
    {
        var runners = Path.Combine(fixture.Root, "bad-runners.yaml");
        File.WriteAllText(runners, "- id: bad\n  symbol: BTCUSDT\n  strategy: ema-cross\n  quantity: -1\n");

        var (code, _, stderr) = Hive("runner", "add", "--runners", runners, "--data-dir", Run.DataDirectory);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith($"error: INVALID_ARGUMENT: {runners}:4: runner 'bad': 'quantity' must be a positive number", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void RunnerList_WrongToken_UnauthenticatedExitCode5()
    {
        var (code, _, stderr) = Hive("runner", "list", "--server", Run.Address.ToString(), "--api-token", "not-the-token");

        Assert.Equal(ExitCodes.Unauthenticated, code);
        Assert.StartsWith("error: UNAUTHENTICATED: invalid bearer token", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void RunnerList_UnreachableServer_ExitCode4WithOneLine()
    {
        var (code, stdout, stderr) = Hive("runner", "list", "--server", "http://127.0.0.1:1", "--api-token", "some-token-value");

        Assert.Equal(ExitCodes.Unavailable, code);
        Assert.Equal(string.Empty, stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: cannot reach the Hive API at http://127.0.0.1:1/", line, StringComparison.Ordinal);
    }

    [Fact]
    public void RunnerList_NoRunningHiveRun_ExitCode4NamingTheDataDirectory()
    {
        var (code, _, stderr) = Hive("runner", "list", "--data-dir", Path.Combine(fixture.Root, "nothing-here"), "--api-token", "some-token-value");

        Assert.Equal(ExitCodes.Unavailable, code);
        Assert.Contains("no hive run is serving on", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void KillSwitchAndGatewayStatus_Account_ShowLevelAndReason()
    {
        var (setCode, set, setErr) = Hive("kill-switch", "on", "--account", "cli_ks", "--reason", "maintenance", "--data-dir", Run.DataDirectory);
        var (code, status, _) = Hive("gateway", "status", "--account", "cli_ks", "--data-dir", Run.DataDirectory);

        Assert.True(setCode == 0, setErr);
        Assert.Contains("kill switch of cli_ks: halted (maintenance)", set, StringComparison.Ordinal);
        Assert.Equal(0, code);
        Assert.Contains("gateway cli_ks: lease epoch", status, StringComparison.Ordinal);
        Assert.Contains("kill switch halted (maintenance)", status, StringComparison.Ordinal);
    }

    [Fact]
    public void ClusterStatus_LocalRun_ListsTheThreeSilos()
    {
        var (code, stdout, stderr) = Hive("cluster", "status", "--data-dir", Run.DataDirectory);

        Assert.True(code == 0, stderr);
        Assert.Contains("3 silos", stdout, StringComparison.Ordinal);
        Assert.Contains("low_latency", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void RunnerWatch_Count_PrintsTheSnapshotAndEnds()
    {
        var (code, stdout, stderr) = Hive("runner", "watch", "seed_ema", "--count", "1", "--data-dir", Run.DataDirectory);

        Assert.True(code == 0, stderr);
        var line = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(" snapshot ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Backtest_Server_RunsOnTheDataSiloAndWritesTheReport()
    {
        var output = Path.Combine(fixture.Root, "bt-out");

        var (code, stdout, stderr) = Hive("backtest", "--server", Run.Address.ToString(), "--api-token", Run.Token,
            "--generate", "ETHUSDT:3000:5", "--runner", "e:ETHUSDT:ema-cross", "--out", output);

        Assert.True(code == 0, stderr);
        Assert.Contains("on silo data", stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "report.json")));
        Assert.True(File.Exists(Path.Combine(output, "report.html")));
    }

    private (int ExitCode, string Stdout, string Stderr) Hive(params string[] args) => HiveCli.Run(fixture.Root, args);
}
