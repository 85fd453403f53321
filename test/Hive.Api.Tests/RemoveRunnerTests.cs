using Grpc.Core;
using Hive.Api.V1;

namespace Hive.Api.Tests;

/// <summary>Removing a runner through the API, whatever its state, and what the next <c>hive run</c> does about it.</summary>
public sealed class RemoveRunnerTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "hive-api-remove-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task RemoveRunner_StrategyThatHangs_RemovedAndTheNextRunDoesNotResumeIt()
    {
        File.WriteAllText(Path.Combine(_root, "hang.lua"), """
            function detect_opportunity(m, c, i) while true do end end
            function filter_commitment(m, c, i) return nil end
            function manage_position(m, c, i) return nil end
            """);
        File.WriteAllText(Path.Combine(_root, "alternating.lua"), HiveRun.AlternatingScript);
        var runners = Path.Combine(_root, "runners.yaml");
        File.WriteAllText(runners, "runners:\n  - id: keep_alt\n    symbol: NEARUSDT\n    strategy: alternating.lua\n");
        var dataDir = Path.Combine(_root, "hive-data");

        await using (var first = await HiveRun.StartAsync(_root, dataDir, runners))
        {
            // Development policy: a hung call is an error the runner skips, so it keeps calling into the hanging script.
            await first.Runners.AddRunnersAsync(new AddRunnersRequest
            {
                RunnersYaml = "- id: near_hang\n  symbol: NEARUSDT\n  strategy: hang.lua\n  policy: development\n",
                BaseDirectory = _root,
            });
            await Eventually.UntilAsync(() => first.Runners.GetRunnerAsync(new RunnerRequest { Id = "near_hang" }).ResponseAsync,
                r => r.BarsProcessed > 0, "near_hang receiving bars and hanging in its script");

            var removed = await first.Runners.RemoveRunnerAsync(new RunnerRequest { Id = "near_hang" });

            Assert.Equal("near_hang", removed.Id);
            var gone = await Assert.ThrowsAsync<RpcException>(() => first.Runners.GetRunnerAsync(new RunnerRequest { Id = "near_hang" }).ResponseAsync);
            Assert.Equal(StatusCode.NotFound, gone.StatusCode);
            var gateway = await first.Gateway.GetGatewayStatusAsync(new GetGatewayStatusRequest());
            Assert.DoesNotContain(gateway.Deployments, d => d.RunnerId == "near_hang");
            Assert.Equal(0, await first.StopAsync());
        }

        await using var second = await HiveRun.StartAsync(_root, dataDir, runners);
        var list = await second.Runners.ListRunnersAsync(new ListRunnersRequest());
        Assert.Equal(["keep_alt"], list.Runners.Select(r => r.Id));
        Assert.DoesNotContain("near_hang", second.Output, StringComparison.Ordinal);
        await second.StopAsync();
        Assert.Equal(["keep_alt"], second.Outcome!.Resumed.Select(r => r.RunnerId));
    }

    [Fact]
    public async Task RemoveRunner_StoppedByItsLimit_Removed()
    {
        File.WriteAllText(Path.Combine(_root, "hang.lua"), """
            function detect_opportunity(m, c, i) while true do end end
            function filter_commitment(m, c, i) return nil end
            function manage_position(m, c, i) return nil end
            """);
        var runners = Path.Combine(_root, "runners.yaml");
        File.WriteAllText(runners, "runners:\n  - id: btc_hang\n    symbol: BTCUSDT\n    strategy: hang.lua\n");

        await using var run = await HiveRun.StartAsync(_root, Path.Combine(_root, "hive-data"), runners);
        var stopped = await Eventually.UntilAsync(() => run.Runners.GetRunnerAsync(new RunnerRequest { Id = "btc_hang" }).ResponseAsync,
            r => r.State == RunnerState.Stopped, "btc_hang stopped by the sandbox");

        await run.Runners.RemoveRunnerAsync(new RunnerRequest { Id = "btc_hang" });

        Assert.StartsWith("stopped by limit: ", stopped.StoppedReason, StringComparison.Ordinal);
        Assert.Empty((await run.Runners.ListRunnersAsync(new ListRunnersRequest())).Runners);
    }
}
