using Hive.Grains.Backtests;
using Hive.Grains.Placement;
using Hive.Grains.Runners;
using Xunit.Abstractions;

namespace Hive.Cluster.Tests;

/// <summary>
/// Faults on a real cluster: <c>hive silo</c> processes on loopback, PostgreSQL for membership, grain state and the
/// ledger, runners trading on replay feeds. Every assertion reads the ledger (PostgreSQL) or the runners' state, never
/// the logs. The tests run one at a time (one of them restarts the PostgreSQL server) and kill every process they
/// started, whatever happens.
/// </summary>
[Collection(PostgresServer.RestartCollection)]
public sealed class FaultTests(ITestOutputHelper output)
{
    private static readonly string[] Symbols = ["BTCUSDT", "ETHUSDT"];

    // One-minute bars at 600 x real time: ten bars a second per symbol, an EMA cross every second or so per runner.
    private const double Speed = 600;

    private static readonly TimeSpan TradeTimeout = TimeSpan.FromSeconds(90);

    [PostgresFact]
    public async Task KillMinus9_LiveSiloHostingTheRunners_EveryRunnerTradesAgainOnTheOtherLiveSiloWithoutDoubleOrFencedFills()
    {
        await using var cluster = await ProcessCluster.CreateAsync();
        var runners = await StartTradingOnLiveAAsync(cluster);

        cluster.Silo("live-a").Signal(SiloProcess.SigKill);
        await WaitAsync(cluster, async () => HasFills(await cluster.FillsAsync("live-b"), runners, 2), "every runner fills twice on live-b after live-a was killed");
        await cluster.StopFeedsAsync(Symbols);

        var ledger = await cluster.LedgerAsync();
        var status = await cluster.RunnersAsync();
        Report(ledger);
        LedgerAssert.NoOrderFilledTwice(ledger);
        LedgerAssert.NoOrderFromFencedDeployment(ledger);
        LedgerAssert.PositionsMatchFills(ledger, status);
        Assert.All(status, r => Assert.Equal("live-b", r.Silo));
        Assert.All(status, r => Assert.True(r.Deployment.Epoch >= 2, $"{r.RunnerId} still runs deployment {r.Deployment}"));
    }

    [PostgresFact]
    public async Task SigStop_LiveSiloLongerThanFailureDetection_StaleSiloLearnsItIsDeadAndExitsAndNothingIsFilledTwice()
    {
        await using var cluster = await ProcessCluster.CreateAsync();
        var runners = await StartTradingOnLiveAAsync(cluster);
        var liveA = cluster.Silo("live-a");

        liveA.Signal(SiloProcess.SigStop);
        await WaitAsync(cluster, async () => HasFills(await cluster.FillsAsync("live-b"), runners, 2), "every runner fills twice on live-b while live-a is stopped");
        liveA.Signal(SiloProcess.SigCont);
        var exit = await liveA.WaitForExitAsync(TimeSpan.FromSeconds(60));
        await cluster.StopFeedsAsync(Symbols);

        var ledger = await cluster.LedgerAsync();
        var status = await cluster.RunnersAsync();
        Report(ledger);
        Assert.Equal(6, exit); // ExitCodes.DeclaredDead: the silo learnt the cluster declared it dead
        LedgerAssert.NoOrderFilledTwice(ledger);
        LedgerAssert.NoOrderFromFencedDeployment(ledger);
        LedgerAssert.PositionsMatchFills(ledger, status);
        Assert.All(ledger.Where(r => r.Kind == "Fenced"), r => Assert.StartsWith("live-a-", FencedActivation(r, ledger), StringComparison.Ordinal));
        Assert.All(status, r => Assert.Equal("live-b", r.Silo));
    }

    [PostgresFact]
    public async Task RestartPostgres_WhileRunnersTrade_ClusterRecoversKeepsAcknowledgedFillsAndPositions()
    {
        await using var cluster = await ProcessCluster.CreateAsync();
        var runners = await StartTradingOnLiveAAsync(cluster, secondLiveSilo: false);
        var before = (await cluster.LedgerAsync()).Where(r => r.Kind == "Fill").ToList();
        var lastBefore = before.Max(r => r.Sequence);

        await PostgresServer.RestartAsync();
        await WaitAsync(cluster, async () =>
        {
            var after = (await cluster.LedgerAsync()).Where(r => r.Kind == "Fill" && r.Sequence > lastBefore && r.RunnerId is not null);
            return HasFills(after.GroupBy(r => r.RunnerId!).ToDictionary(g => g.Key, g => g.Count()), runners, 2);
        }, "every runner fills twice after the PostgreSQL restart");
        await cluster.StopFeedsAsync(Symbols);

        var ledger = await cluster.LedgerAsync();
        var status = await cluster.RunnersAsync();
        Report(ledger);
        var kept = ledger.Where(r => r.Kind == "Fill" && r.Sequence <= lastBefore).ToList();
        Assert.Equal(before, kept);
        LedgerAssert.NoOrderFilledTwice(ledger);
        LedgerAssert.NoOrderFromFencedDeployment(ledger);
        LedgerAssert.PositionsMatchFills(ledger, status);
        Assert.All(cluster.Silos, s => Assert.False(s.HasExited, $"silo {s.Name} exited ({(s.HasExited ? s.ExitCode : 0)})"));
    }

    [PostgresFact]
    public async Task SigTerm_DataSiloDuringBacktest_BacktestFailsOrCompletesWithEveryBarNeverPartially()
    {
        await using var cluster = await ProcessCluster.CreateAsync();
        await cluster.StartAsync(("control", SiloRoles.Control), ("data-a", SiloRoles.Data));
        // Through the control silo's gateway, as hive backtest --server reaches the data silos (the API runs on the
        // control silo): the control silo fails the call when data-a leaves. A client connected to data-a's own gateway
        // could instead lose the answer with that connection and wait out the call's 30-minute response timeout.
        await cluster.ConnectClientAsync(throughSilo: "control");
        const int bars = 400_000;
        var folder = ReplayData.Write(Path.Combine(cluster.Directory, "backtest"), ["BTCUSDT"], bars);
        var runners = Enumerable.Range(0, 40)
            .Select(i => new RunnerDefinition($"bt_{i}", "BTCUSDT", "ema-cross",
                new Dictionary<string, string> { ["fast"] = (2 + (i % 5)).ToString(System.Globalization.CultureInfo.InvariantCulture), ["slow"] = (8 + i).ToString(System.Globalization.CultureInfo.InvariantCulture) }, Quantity: 0.01m))
            .ToList();
        var request = new BacktestRequest([folder], [], runners);
        var directory = cluster.Client.GetGrain<IDatasetDirectoryGrain>(IDatasetDirectoryGrain.DefaultKey);

        var run = cluster.Client.GetGrain<IBacktestGrain>("fault-test").RunAsync(request);
        await Until.TrueAsync(async () => run.IsCompleted || (await directory.HoldersAsync(PlacementAffinity.DataDataset(folder))).Length > 0,
            "the data silo loaded the dataset and replays it", TimeSpan.FromSeconds(60));
        cluster.Silo("data-a").Signal(SiloProcess.SigTerm);
        var outcome = await Record.ExceptionAsync(() => run.WaitAsync(TimeSpan.FromSeconds(120)));
        var exit = await cluster.Silo("data-a").WaitForExitAsync(TimeSpan.FromSeconds(60));

        output.WriteLine(outcome is null ? $"backtest completed: {run.Result.Bars} bars on {run.Result.Silo}" : $"backtest failed: {outcome.GetType().Name}: {outcome.Message}");
        Assert.Equal(0, exit);
        Assert.IsNotType<TimeoutException>(outcome);
        if (outcome is null)
        {
            var result = run.Result;
            Assert.Equal(bars, result.Bars);
            Assert.All(runners, r => Assert.Contains($"\"{r.RunnerId}\"", result.ReportJson, StringComparison.Ordinal));
        }
    }

    // control and live-a start; the runners and feeds go to live-a (the only live silo then); live-b joins while they
    // trade; returns once every runner has filled twice on live-a.
    private static async Task<string[]> StartTradingOnLiveAAsync(ProcessCluster cluster, bool secondLiveSilo = true)
    {
        await cluster.StartAsync(("control", SiloRoles.Control), ("live-a", SiloRoles.Live));
        await cluster.ConnectClientAsync();
        var runners = await cluster.AddRunnersAsync(Symbols);
        await cluster.StartFeedsAsync(Speed, Symbols);
        if (secondLiveSilo)
        {
            await cluster.StartAsync(("live-b", SiloRoles.Live));
        }

        await WaitAsync(cluster, async () => HasFills(await cluster.FillsAsync("live-a"), runners, 2), "every runner fills twice on live-a");
        return runners;
    }

    private static bool HasFills(Dictionary<string, int> fills, string[] runners, int atLeast) =>
        runners.All(r => fills.GetValueOrDefault(r) >= atLeast);

    private static async Task WaitAsync(ProcessCluster cluster, Func<Task<bool>> condition, string what)
    {
        try
        {
            await Until.TrueAsync(condition, what, TradeTimeout);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\n{cluster.Logs()}", ex);
        }
    }

    // The activation of the deployment a Fenced row refused: the Order rows and registrations name activations; the
    // fenced row's detail names the runner and epoch only.
    private static string FencedActivation(LedgerRow fenced, IReadOnlyList<LedgerRow> ledger)
    {
        var epoch = System.Text.RegularExpressions.Regex.Match(fenced.Detail ?? "", @"epoch (\d+)");
        return ledger.FirstOrDefault(r => r.Kind == "Control" && r.RunnerId == fenced.RunnerId && epoch.Success && r.Epoch.ToString(System.Globalization.CultureInfo.InvariantCulture) == epoch.Groups[1].Value)?.Activation ?? "";
    }

    private void Report(IReadOnlyList<LedgerRow> ledger) =>
        output.WriteLine(string.Join(", ", ledger.GroupBy(r => r.Kind).Select(g => $"{g.Key} {g.Count()}")));
}
