using Grpc.Core;
using Hive.Api.V1;

namespace Hive.Api.Tests;

/// <summary>Reloading a runner's Lua script through the API: the position and context stay, the new script runs.</summary>
public sealed class ReloadRunnerTests(HiveRunFixture fixture) : IClassFixture<HiveRunFixture>
{
    // Enters once and holds; counts its bars in the context.
    private const string HoldScript = """
        function detect_opportunity(m, context, i)
          if context.entered then return nil end
          return {}
        end
        function filter_commitment(m, context, i)
          context.entered = true
          return { action = "enter_long", quantity = 2 }
        end
        function manage_position(m, context, i)
          context.held = (context.held or 0) + 1
          return nil
        end
        """;

    // Exits once the context says the position was held for a while (the context survived the reload).
    private const string ExitScript = """
        function detect_opportunity(m, context, i) return nil end
        function filter_commitment(m, context, i) return nil end
        function manage_position(m, context, i)
          if (context.held or 0) > 0 then return { action = "exit" } end
          return nil
        end
        """;

    [Fact]
    public async Task ReloadRunner_ChangedScript_KeepsPositionAndContextAndRunsTheNewScript()
    {
        var script = Path.Combine(fixture.Root, "reload.lua");
        File.WriteAllText(script, HoldScript);
        await fixture.Run.Runners.AddRunnersAsync(new AddRunnersRequest { Specs = { $"avax_reload:AVAXUSDT:{script}" } });
        await Eventually.UntilAsync(() => Get("avax_reload"), r => r.Position == "2" && r.BarsProcessed > 5, "avax_reload holding 2");

        File.WriteAllText(script, ExitScript);
        await fixture.Run.Runners.ReloadRunnerAsync(new RunnerRequest { Id = "avax_reload" });
        var exited = await Eventually.UntilAsync(() => Get("avax_reload"), r => r.Position == "0", "avax_reload exiting under the new script");

        Assert.Equal(1, exited.Trades);
        Assert.Equal(2, exited.OrdersFilled);
    }

    [Fact]
    public async Task ReloadRunner_ScriptWithASyntaxError_FailedPreconditionNamingTheLineAndTheOldScriptRuns()
    {
        var script = Path.Combine(fixture.Root, "reload-bad.lua");
        File.WriteAllText(script, HoldScript);
        await fixture.Run.Runners.AddRunnersAsync(new AddRunnersRequest { Specs = { $"atom_reload:ATOMUSDT:{script}" } });
        await Eventually.UntilAsync(() => Get("atom_reload"), r => r.Position == "2", "atom_reload holding 2");

        File.WriteAllText(script, "function detect_opportunity(m, c, i)\n  return {\nend\n");
        var error = await Assert.ThrowsAsync<RpcException>(() => fixture.Run.Runners.ReloadRunnerAsync(new RunnerRequest { Id = "atom_reload" }).ResponseAsync);
        var after = await Get("atom_reload");

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.True(error.Status.Detail.Contains("reload-bad.lua:", StringComparison.Ordinal), error.Status.Detail);
        Assert.Equal("2", after.Position);
        Assert.Equal(RunnerHealth.Healthy, after.Health);
    }

    private Task<Runner> Get(string id) => fixture.Run.Runners.GetRunnerAsync(new RunnerRequest { Id = id }).ResponseAsync;
}
