using Hive.Trading.Backtesting;
using Hive.Trading.Market;
using Hive.Trading.Runners;
using Hive.Trading.Strategies;

namespace Hive.Lua.Tests;

/// <summary>Every bad input of the issue, run through a real <see cref="RunnerCore"/> under both error policies.</summary>
public sealed class ErrorPolicyTests
{
    private const int Bars = 5;

    private static readonly LuaStrategyOptions Limits = new() { InstructionBudget = 200_000, MemoryLimitBytes = 1024 * 1024, CallTimeout = TimeSpan.FromMinutes(1) };

    public static TheoryData<string, string, LuaErrorKind, string> BadSteps => new()
    {
        { "runtime", "local atr = nil\nif atr < 1 then return nil end", LuaErrorKind.Runtime, "bad.lua: filter_commitment: line 9: attempt to compare nil with number" },
        {
            "unknown action", "return { action = \"enter_postion\" }", LuaErrorKind.UnknownAction,
            "bad.lua: filter_commitment: unknown action 'enter_postion'; valid actions in filter_commitment: enter_long, enter_short, cancel_analysis (or nil to keep analysing)"
        },
        {
            "wrong field type", "return { action = \"enter_long\", quantity = \"ten\" }", LuaErrorKind.InvalidAction,
            "bad.lua: filter_commitment: field 'quantity' of action 'enter_long' must be a number, got string"
        },
        {
            "forbidden library", "local now = os.time()", LuaErrorKind.Forbidden,
            "bad.lua: filter_commitment: line 8: 'os' is not available in the Hive Lua sandbox"
        },
    };

    public static TheoryData<string, string, LuaErrorKind, string> LimitSteps => new()
    {
        { "endless loop", "while true do end", LuaErrorKind.InstructionBudget, "bad.lua: filter_commitment: line 8: instruction budget of 200,000 exceeded (an endless loop?)" },
        {
            "memory bomb", "local t = {}\nfor i = 1, 1e9 do t[i] = string.rep('x', 512) .. i end", LuaErrorKind.MemoryLimit,
            "bad.lua: filter_commitment: memory cap of 1,048,576 bytes exceeded"
        },
        {
            "context quota", "for i = 1, 1000 do context['k' .. i] = i end", LuaErrorKind.HostQuota,
            "bad.lua: filter_commitment: line 8: context.k255: the context would hold 257 keys, over the quota of 256"
        },
    };

    [Theory]
    [MemberData(nameof(BadSteps))]
    public void OnCandle_ProductionPolicy_StopsRunnerWithPreciseError(string name, string body, LuaErrorKind kind, string message)
    {
        var (sut, strategy) = CreateRunner(body, ErrorPolicy.Production, Limits);

        var direct = new StrategyContext();
        direct.SetInteger("calls", 1);
        var error = Assert.Throws<LuaScriptException>(() => strategy.FilterCommitment(Scripts.Bar, direct, new FakeIndicators()));
        foreach (var candle in Candles())
        {
            sut.OnCandle(candle);
        }

        Assert.Equal(kind, error.Kind);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(RunnerState.Stopped, sut.State);
        Assert.NotNull(sut.StoppedReason);
        Assert.StartsWith(message, sut.StoppedReason, StringComparison.Ordinal);
        Assert.Equal(1, sut.ErrorCount);
        Assert.Equal(2, sut.Context.GetInteger("calls"));
        Assert.True(name.Length > 0);
    }

    [Theory]
    [MemberData(nameof(BadSteps))]
    public void OnCandle_DevelopmentPolicy_RecordsErrorAndCarriesOn(string name, string body, LuaErrorKind kind, string message)
    {
        var (sut, _) = CreateRunner(body, ErrorPolicy.Development, Limits);

        foreach (var candle in Candles())
        {
            sut.OnCandle(candle);
        }

        Assert.Equal(RunnerState.Analyzing, sut.State);
        Assert.Null(sut.StoppedReason);
        Assert.Equal(Bars - 1, sut.ErrorCount);
        Assert.All(sut.Errors, e => Assert.StartsWith(message, e, StringComparison.Ordinal));
        Assert.Equal(Bars, sut.Context.GetInteger("calls"));
        Assert.True(name.Length > 0 && kind >= LuaErrorKind.Unreadable);
    }

    [Theory]
    [MemberData(nameof(LimitSteps))]
    public void OnCandle_LimitUnderEitherPolicy_StopsRunnerByLimitNamingRunnerAndScript(string name, string body, LuaErrorKind kind, string message)
    {
        foreach (var policy in new[] { ErrorPolicy.Production, ErrorPolicy.Development })
        {
            var (sut, _) = CreateRunner(body, policy, Limits);

            foreach (var candle in Candles())
            {
                sut.OnCandle(candle);
            }

            Assert.Equal(RunnerState.Stopped, sut.State);
            Assert.True(sut.IsStoppedByLimit, name);
            Assert.StartsWith($"stopped by limit: runner '{sut.RunnerId}': {message}", sut.StoppedReason, StringComparison.Ordinal);
            Assert.Equal(1, sut.ErrorCount);
            var snapshot = sut.CreateSnapshot();
            Assert.Equal(RunnerState.Stopped, snapshot.State);
            Assert.True(RunnerCore.IsLimitReason(snapshot.StoppedReason));
            Assert.True(kind >= LuaErrorKind.Unreadable);
        }
    }

    [Fact]
    public void Backtester_SyntaxError_FailsBeforeStartNamingFileAndLine()
    {
        var path = WriteTemp("function detect_opportunity(m, c, i)\n  if then\nend\n");
        try
        {
            var error = Assert.Throws<LuaScriptException>(() => GoldenMasterTests.Run(path, string.Empty, TestMarket.Generate(10)));

            Assert.Equal(LuaErrorKind.Syntax, error.Kind);
            Assert.Equal(2, error.Line);
            Assert.StartsWith($"{Path.GetFileName(path)}: load: line 2: syntax error", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Backtester_MissingFunction_FailsBeforeStartNamingFileAndFunction()
    {
        var path = WriteTemp("function detect_opportunity() end\nfunction filter_commitment() end\n");
        try
        {
            var error = Assert.Throws<LuaScriptException>(() => GoldenMasterTests.Run(path, string.Empty, TestMarket.Generate(10)));

            Assert.Equal(LuaErrorKind.MissingFunction, error.Kind);
            Assert.StartsWith($"{Path.GetFileName(path)}: load: missing function 'manage_position'", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Reload_InPosition_KeepsPositionAndNewScriptManagesIt()
    {
        var enter = """
            function detect_opportunity(m, context, i) return { reason = "go" } end
            function filter_commitment(m, context, i) return { action = "enter_long", quantity = 1 } end
            function manage_position(m, context, i) context.held = (context.held or 0) + 1 return nil end
            """;
        using var strategy = LuaStrategy.FromSource("live.lua", enter);
        var sut = new RunnerCore(Config(ErrorPolicy.Production), strategy);
        var candles = Candles().ToArray();
        sut.OnCandle(candles[0]);
        sut.OnCandle(candles[1]);
        sut.OnCandle(candles[2]);
        Assert.Equal(RunnerState.InPosition, sut.State);

        strategy.Reload(enter.Replace("context.held = (context.held or 0) + 1 return nil", "return { action = \"exit\", reason = \"v2 held \" .. context.held }", StringComparison.Ordinal));
        sut.OnCandle(candles[3]);

        Assert.Equal(RunnerState.Idle, sut.State);
        var trade = Assert.Single(sut.Trades);
        Assert.Equal(1m, trade.Quantity);
        Assert.Equal(1, sut.Context.GetInteger("held"));
    }

    private static (RunnerCore Runner, LuaStrategy Strategy) CreateRunner(string badBody, ErrorPolicy policy, LuaStrategyOptions options)
    {
        var script = $$"""
            function detect_opportunity(m, context, indicators)
              context.calls = (context.calls or 0) + 1
              return { reason = "always" }
            end

            function filter_commitment(m, context, indicators)
              context.calls = context.calls + 1
            {{badBody}}
            end

            function manage_position(m, context, indicators) return nil end
            """;
        var strategy = LuaStrategy.FromSource("bad.lua", script, options: options);
        return (new RunnerCore(Config(policy), strategy), strategy);
    }

    private static RunnerConfig Config(ErrorPolicy policy) => new()
    {
        RunnerId = "lua-policy",
        Symbol = TestMarket.Symbol,
        Strategy = "bad.lua",
        ErrorPolicy = policy,
    };

    private static IEnumerable<Candle> Candles() => TestMarket.Generate(Bars);

    private static string WriteTemp(string source)
    {
        var path = Path.Combine(Path.GetTempPath(), $"hive-policy-{Guid.NewGuid():N}.lua");
        File.WriteAllText(path, source);
        return path;
    }
}
