using Hive.Grains.Backtests;
using Hive.Grains.Placement;
using Hive.Testing;
using Hive.Trading.Backtesting.Sweeps;

namespace Hive.Grains.Tests.Platform;

/// <summary>A sweep on a cluster of its own with two data silos.</summary>
public sealed class SweepAcrossSilosTests
{
    [Fact]
    public async Task RunAsync_TwoDataSilos_RunsBatchesOnBothAndNoneElsewhere()
    {
        await using var platform = await PlatformCluster.StartAsync(("control0", SiloRoles.Control), ("live0", SiloRoles.Live), ("data0", SiloRoles.Data), ("data1", SiloRoles.Data));
        var plan = SweepPlan.Create([SweepParameter.Parse("fast=3..10"), SweepParameter.Parse("slow=20,30")]);
        var job = new SweepJob([], ["BTCUSDT:1500:8"], Definitions.Runner("spread", "BTCUSDT", "ema-cross", quantity: null), plan, SweepObjective.Parse("sharpe"));
        var sut = new SweepRunner(platform.Grains) { MaxConcurrentBatches = 8, PointsPerBatch = 1 };

        var report = await sut.RunAsync(job).Within();

        Assert.Equal(16, report.Ranked.Count);
        Assert.Equal(["data0", "data1"], report.Ranked.Select(static r => r.Silo!).Distinct().Order());
    }
}
