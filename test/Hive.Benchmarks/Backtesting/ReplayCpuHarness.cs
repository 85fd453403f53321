using System.Diagnostics;
using System.Globalization;
using Hive.Grains.Backtests;
using Hive.Grains.Hosting;
using Hive.Grains.Runners;
using Hive.Lua;
using Hive.Trading.Backtesting;
using Hive.Trading.Backtesting.Sweeps;
using Hive.Trading.Execution;
using Hive.Trading.Market.Sources;
using Hive.Trading.Risk;
using Hive.Trading.Runners;
using Hive.Trading.Strategies;

namespace Hive.Benchmarks.Backtesting;

/// <summary>
/// Measures by CPU time rather than wall-clock time, which a shared machine distorts most:
/// <c>replay-cpu [STRATEGY] [BARS] [ROUNDS] [RUNNERS]</c> replays generated bars through RUNNERS (default 1) <see cref="RunnerCore"/>s
/// per round (fresh runners each round, the backtester's per-bar call) and prints bars per CPU-second, best and median;
/// <c>sweep [POINTS_PER_SIDE] [BARS | DATA_PATH]</c> runs a two-parameter ema-cross sweep on an embedded cluster and prints
/// points/s of wall-clock time and CPU-seconds per point.
/// </summary>
internal static class ReplayCpuHarness
{
    public static int Replay(string[] args)
    {
        var strategy = args.Length > 0 ? args[0] : "ema-cross";
        var bars = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 8;
        var runners = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1;
        var catalog = StrategyCatalog.CreateWithBuiltIns();
        LuaStrategyResolver.Register(catalog);
        var candles = RandomWalkMarketDataSource.GenerateCandles("BTCUSDT", bars, new RandomWalkOptions { Seed = 42 });
        var parameters = strategy == "ema-cross" ? StrategyParameters.Parse("fast=20,slow=60") : StrategyParameters.Empty;
        var perRound = new List<double>();
        var perRoundThread = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            // RUNNERS runners on the same symbol, each bar handed to every one in turn, as the backtester's loop does.
            var cores = Enumerable.Range(0, runners).Select(r => new RunnerCore(
                new RunnerConfig { RunnerId = "r" + r, Symbol = "BTCUSDT", Strategy = strategy, Parameters = parameters },
                catalog.Create(strategy, parameters), new PaperOrderRouter(new PaperFillModel(0.001m, 0)),
                new AccountRisk(RiskLimits.None), recordEquityCurve: false)).ToArray();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var threadCpu = ThreadCpuSeconds();
            for (var i = 0; i < candles.Length; i++)
            {
                foreach (var core in cores)
                {
                    core.OnCandle(candles[i]);
                }
            }

            var threadUsed = ThreadCpuSeconds() - threadCpu;
            var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            perRound.Add(bars / used);
            perRoundThread.Add(bars / threadUsed);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}: {used:0.000} CPU-s, {bars / used / 1e6:0.00} M bars/CPU-s, {used * 1e9 / bars:0} ns/bar, {used * 1e9 / bars / runners:0} ns per runner-bar, replay thread alone {bars / threadUsed / 1e6:0.00} M bars/CPU-s, {cores[0].Trades.Count} trades"));
        }

        var warm = perRound.Skip(1).Order().ToList();
        var warmThread = perRoundThread.Skip(1).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{strategy}, {bars} bars, {runners} runner(s): best {warm[^1] / 1e6:0.00} M bars/CPU-s, median {warm[warm.Count / 2] / 1e6:0.00} M bars/CPU-s ({warm[warm.Count / 2] * runners / 1e6:0.00} M runner-bars/CPU-s; first round left out: JIT); replay thread alone: best {warmThread[^1] / 1e6:0.00} M, median {warmThread[warmThread.Count / 2] / 1e6:0.00} M bars/CPU-s"));
        return 0;
    }

    /// <summary>CPU time of the calling thread only (the replay loop), in seconds: the process's other threads (the JIT's background compiler, the GC, the Lua watchdog) are left out.</summary>
    private static double ThreadCpuSeconds()
    {
        ClockGetTime(ThreadCpuClock, out var time);
        return time.Seconds + (time.Nanoseconds / 1e9);
    }

    private const int ThreadCpuClock = 3;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    public static async Task<int> SweepAsync(string[] args)
    {
        var side = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var source = args.Length > 1 ? args[1] : "43200";
        var generated = int.TryParse(source, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bars);
        var plan = SweepPlan.Create([
            SweepParameter.Parse($"fast={string.Join(',', Enumerable.Range(1, side).Select(static i => 5 * i))}"),
            SweepParameter.Parse($"slow={string.Join(',', Enumerable.Range(0, side).Select(static i => 60 + (20 * i)))}"),
        ]);
        var symbol = generated ? "BTCUSDT" : BacktestInputs.LoadData(source)[0].Symbol;
        var runner = new RunnerDefinition("sweep", symbol, "ema-cross", new Dictionary<string, string>());
        var job = new SweepJob(generated ? [] : [source], generated ? [$"BTCUSDT:{bars}:42"] : [], runner, plan, SweepObjective.Parse("sharpe"));
        var folder = Path.Combine(Path.GetTempPath(), "hive-sweep-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var cluster = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions { DataDirectory = folder });
            var sweeps = new SweepRunner(cluster.GrainFactory);
            for (var round = 0; round < 3; round++)
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var report = await sweeps.RunAsync(job);
                var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round}: {report.Ranked.Count} points x {report.InSampleBars} bars in {report.Elapsed.TotalSeconds:0.00} s: {report.PointsPerSecond:0.0} points/s, {used / report.Ranked.Count * 1e3:0.0} CPU-ms per point, {report.InSampleBars * report.Ranked.Count / used / 1e6:0.00} M bars/CPU-s"));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        return 0;
    }
}
