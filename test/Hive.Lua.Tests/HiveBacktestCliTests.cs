using System.Diagnostics;
using System.Text.Json;
using Hive.Testing;

namespace Hive.Lua.Tests;

/// <summary>
/// Scripts from outside the repository, written only from <c>strategies/README.md</c>, run unchanged under
/// <c>hive backtest</c>: the real tool, started as a process the way a user runs it.
/// </summary>
public sealed class HiveBacktestCliTests : IDisposable
{
    // Written from the README alone: params with defaults, indicators.highest/lowest/atr, context from the opportunity
    // table, context.position, every action kind of the contract.
    private const string Donchian = """
        local period = params.period or 20
        local quantity = params.quantity

        function detect_opportunity(market_data, context, indicators)
          local high = indicators.highest(period)
          local atr = indicators.atr(14)
          if high == nil or atr == nil then return nil end
          if market_data.close >= high then
            return { level = high, atr = atr, bars = 0, reason = "new " .. period .. "-bar high" }
          end
          return nil
        end

        function filter_commitment(market_data, context, indicators)
          context.bars = context.bars + 1
          if market_data.close < context.level - context.atr then
            return { action = "cancel_analysis", reason = "failed breakout" }
          end
          if context.bars >= 2 then
            return { action = "enter_long", quantity = quantity,
                     stop_loss = market_data.close - 2 * context.atr, take_profit = market_data.close + 4 * context.atr }
          end
          return nil
        end

        function manage_position(market_data, context, indicators)
          local low = indicators.lowest(period)
          local position = context.position
          if low ~= nil and market_data.close <= low then
            return { action = "exit", reason = "new low" }
          end
          if market_data.close > position.entry_price + 3 * context.atr and position.take_profit ~= nil then
            return { action = "update_take_profit", price = position.take_profit + context.atr }
          end
          return nil
        end
        """;

    // Written to the seed's contract: indicators.high and indicators.low are plain numbers (the window's extremes).
    private const string SeedBreakout = """
        function detect_opportunity(market_data, context, indicators)
          if indicators.high ~= nil and market_data.close >= indicators.high * 0.999 then
            return { signal = "breakout", level = indicators.high }
          end
          return nil
        end

        function filter_commitment(market_data, context, indicators)
          if market_data.close >= context.level * 0.998 then
            return { action = "enter_long", quantity = 1, stop_loss = market_data.close * 0.99,
                     take_profit = market_data.close * 1.02 }
          end
          return { action = "cancel_analysis" }
        end

        function manage_position(market_data, context, indicators)
          if market_data.close <= indicators.low * 1.001 then
            return { action = "exit", reason = "at the window's low" }
          end
          return nil
        end
        """;

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("hive-lua-cli-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void HiveBacktest_ScriptWrittenFromReadme_RunsAndTrades()
    {
        var script = Write("donchian.lua", Donchian);

        var (code, stdout, stderr) = RunHive("backtest", "--generate", "TESTUSDT:5000:3", "--runner", $"ext:TESTUSDT:{script}:period=30,quantity=5", "--out", Out);

        Assert.True(code == 0, $"exit {code}: {stderr}{stdout}");
        Assert.True(Trades("ext") > 0, stdout);
    }

    [Fact]
    public void HiveBacktest_SeedContractWithHighAsNumber_RunsAndTrades()
    {
        var script = Write("seed_breakout.lua", SeedBreakout);

        var (code, stdout, stderr) = RunHive("backtest", "--generate", "TESTUSDT:5000:3", "--runner", $"seed:TESTUSDT:{script}", "--out", Out);

        Assert.True(code == 0, $"exit {code}: {stderr}{stdout}");
        Assert.True(Trades("seed") > 0, stdout);
    }

    [Fact]
    public void HiveBacktest_ReadmeWorkedExample_RunsAndTrades()
    {
        var script = Write("pullback.lua", ReadmeExampleTests.WorkedExample());

        var (code, stdout, stderr) = RunHive("backtest", "--generate", "TESTUSDT:5000:3", "--runner", $"pull:TESTUSDT:{script}:fast=20,slow=50,quantity=10", "--out", Out);

        Assert.True(code == 0, $"exit {code}: {stderr}{stdout}");
        Assert.True(Trades("pull") > 0, stdout);
    }

    [Fact]
    public void HiveBacktest_ShippedScriptsInRunnersFile_AllTrade()
    {
        var (code, stdout, stderr) = RunHiveIn(
            SharedData.RepositoryRoot,
            "backtest", "--generate", "BTCUSDT:60000:11", "--generate", "ETHUSDT:60000:12", "--runners", Path.Combine("strategies", "runners.yaml"), "--out", Out);

        Assert.True(code == 0, $"exit {code}: {stderr}{stdout}");
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(Out, "report.json")));
        var runners = report.RootElement.GetProperty("runners").EnumerateArray().ToList();
        Assert.Equal(6, runners.Count);
        Assert.All(runners, r => Assert.True(r.GetProperty("trades").GetArrayLength() > 0, r.GetProperty("runnerId").GetString()));
    }

    [Fact]
    public void HiveBacktest_SyntaxError_FailsWithFileAndLine()
    {
        var script = Write("broken.lua", "function detect_opportunity(m, c, i)\n  if then\nend\n");

        var (code, _, stderr) = RunHive("backtest", "--generate", "TESTUSDT:100", "--runner", $"bad:TESTUSDT:{script}", "--out", Out);

        Assert.NotEqual(0, code);
        Assert.Contains("runner 'bad': broken.lua: load: line 2: syntax error", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void HiveBacktest_RuntimeErrorUnderProduction_StopsRunnerAndSaysWhy()
    {
        var script = Write("cmp.lua", Scripts.WithStep("detect_opportunity", "local atr = indicators.atr(14)\nif atr < 1 then return nil end\nreturn nil"));

        var (code, _, stderr) = RunHive("backtest", "--generate", "TESTUSDT:100", "--runner", $"cmp:TESTUSDT:{script}", "--out", Out);

        Assert.NotEqual(0, code);
        Assert.Contains("cmp.lua: detect_opportunity: line 3: attempt to compare nil with number", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("loop.lua", "while true do end", "instruction budget of 1,000,000 exceeded")]
    [InlineData("pattern.lua", "string.find(string.rep('a', 5000), string.rep('a*', 20) .. 'b')", "string.find on a 5,000-byte subject")]
    [InlineData("context.lua", "for k = 1, 300 do context['k' .. k] = string.rep('v', 4000) end", "over the quota of 65,536")]
    [InlineData("slow.lua", "local s = string.rep('x', 3000000)\nwhile true do local t = s .. 'y' end", "wall-clock limit of 1,000 ms exceeded")]
    public void HiveBacktest_HostileRunner_ExitsThreeWithOneLineNamingRunnerAndScript(string name, string body, string limit)
    {
        var script = Write(name, Scripts.WithStep("detect_opportunity", body));

        var (code, _, stderr) = RunHive("backtest", "--generate", "TESTUSDT:5000:1", "--runner", $"bad:TESTUSDT:{script}", "--out", Out);

        Assert.True(code == 3, $"exit {code}: {stderr}");
        Assert.Contains($"stopped by limit: runner 'bad': {name}: detect_opportunity: ", stderr, StringComparison.Ordinal);
        Assert.Contains(limit, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    private string Out => Path.Combine(_directory.FullName, "out");

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    private int Trades(string runnerId)
    {
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(Out, "report.json")));
        var runner = report.RootElement.GetProperty("runners").EnumerateArray().Single(r => r.GetProperty("runnerId").GetString() == runnerId);
        Assert.Empty(runner.GetProperty("errors").EnumerateArray());
        return runner.GetProperty("trades").GetArrayLength();
    }

    private static (int Code, string Stdout, string Stderr) RunHive(params string[] args) => RunHiveIn(AppContext.BaseDirectory, args);

    /// <summary>Runs hive; the error output comes back as one line without colours, as the console wraps it at 80 columns.</summary>
    private static (int Code, string Stdout, string Stderr) RunHiveIn(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        start.Environment["NO_COLOR"] = "1";
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Hive.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("hive backtest did not finish within two minutes");
        }

        var error = System.Text.RegularExpressions.Regex.Replace(stderr.Result, @"\x1b\[[0-9;]*m", string.Empty);
        return (process.ExitCode, stdout.Result, System.Text.RegularExpressions.Regex.Replace(error, @"\s*\n\s*", " "));
    }
}
