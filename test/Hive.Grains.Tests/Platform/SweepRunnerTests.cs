using System.Collections.Concurrent;
using Hive.Grains.Backtests;
using Hive.Testing;
using Hive.Trading.Backtesting;
using Hive.Trading.Backtesting.Sweeps;
using Hive.Trading.Strategies;
using Orleans;

namespace Hive.Grains.Tests.Platform;

[Collection(PlatformClusterCollection.Name)]
public sealed class SweepRunnerTests(PlatformClusterFixture fixture)
{
    private readonly PlatformCluster _platform = fixture.Platform;

    [Fact]
    public async Task RunAsync_Grid_RunsEveryPointOnTheDataSiloRankedAndEqualToALocalRun()
    {
        var plan = SweepPlan.Create([SweepParameter.Parse("fast=3..9:2"), SweepParameter.Parse("slow=20,30")]);
        var runner = Definitions.Runner("swept", "BTCUSDT", "ema-cross", "stop=0.05", quantity: null);
        var job = new SweepJob([], ["BTCUSDT:3000:4"], runner, plan, SweepObjective.Parse("return"), FeeBps: 5m);
        var progress = new ConcurrentQueue<int>();
        var sut = new SweepRunner(_platform.Grains) { MaxConcurrentBatches = 2, PointsPerBatch = 3 };

        var report = await sut.RunAsync(job, progress.Enqueue).Within();

        Assert.Equal(8, report.Ranked.Count);
        Assert.All(report.Ranked, static r => Assert.Equal("data0", r.Silo));
        Assert.Equal(8, progress.Max());
        Assert.Equal(3000, report.InSampleBars);
        var returns = report.Ranked.Select(static r => r.InSample!.TotalReturn).ToList();
        Assert.Equal(returns.OrderDescending(), returns);

        var candles = BacktestInputs.Load([], ["BTCUSDT:3000:4"]);
        var local = new SweepEvaluator(new Backtester(StrategyCatalog.Default, BacktestInputs.Options(5m, 0m, keepOpen: false)), runner.ToConfig(), plan.Names, candles);
        foreach (var result in report.Ranked)
        {
            var expected = local.Run(result.Point);
            Assert.Equal(expected.InSample, result.InSample);
            Assert.Equal(expected.InSampleTrades, result.InSampleTrades);
        }
    }

    [Fact]
    public async Task RunSweepAsync_Batch_ReportsEachPointToTheObserver()
    {
        var observer = new Observer();
        var reference = _platform.Grains.CreateObjectReference<ISweepObserver>(observer);
        var sut = _platform.Grains.GetGrain<IBacktestGrain>("sweep-progress");
        try
        {
            var result = await sut.RunSweepAsync(
                new SweepBatchRequest([], ["ETHUSDT:2000:2"], Definitions.Runner("p", "ETHUSDT", "ema-cross", quantity: null), ["fast"],
                    [new SweepPointRequest(4, ["5"]), new SweepPointRequest(5, ["30"]), new SweepPointRequest(6, ["8"])]),
                reference).Within();

            Assert.Equal([4, 5, 6], result.Points.Select(static p => p.Index));
            Assert.NotNull(result.Points[0].InSample);
            Assert.Null(result.Points[1].InSample);
            Assert.Contains("must be smaller than 'slow'", result.Points[1].Error, StringComparison.Ordinal);
            await Wait.UntilAsync(() => observer.Done.Count == 3, "three points reported");
            Assert.Equal([4, 5, 6], observer.Done.Order());
        }
        finally
        {
            _platform.Grains.DeleteObjectReference<ISweepObserver>(reference);
        }
    }

    [Fact]
    public async Task RunSweepAsync_RunnerSymbolNotInData_FailsNamingIt()
    {
        var sut = _platform.Grains.GetGrain<IBacktestGrain>("sweep-no-symbol");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => sut.RunSweepAsync(
            new SweepBatchRequest([], ["ETHUSDT:100:2"], Definitions.Runner("p", "BTCUSDT", "ema-cross"), ["fast"], [new SweepPointRequest(0, ["5"])]),
            null));

        Assert.Contains("Runner 'p' trades BTCUSDT, but the data gives only ETHUSDT", error.Message, StringComparison.Ordinal);
    }

    private sealed class Observer : ISweepObserver
    {
        public ConcurrentQueue<int> Done { get; } = new();

        public Task PointDoneAsync(int index)
        {
            Done.Enqueue(index);
            return Task.CompletedTask;
        }
    }
}
