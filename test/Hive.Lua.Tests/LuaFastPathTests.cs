using Hive.Trading.Indicators;
using Hive.Trading.Market;
using Hive.Trading.Strategies;

namespace Hive.Lua.Tests;

/// <summary>
/// The paths that keep a step call short: the instruction budget armed by the watchdog, the VM's copy of the context,
/// the indicator values written before each call, <c>context.position</c> filled by the prelude, and bars without
/// quotes. Each must behave exactly like the slow path it replaces.
/// </summary>
public sealed class LuaFastPathTests
{
    private readonly StrategyContext _context = new();
    private readonly FakeIndicators _indicators = new();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EndlessLoop_EitherBudgetMode_StopsWithTheBudgetError(bool exact)
    {
        // A minute of wall clock: only the budget can stop it in time.
        var options = new LuaStrategyOptions { InstructionBudget = 50_000, ExactInstructionBudget = exact, CallTimeout = TimeSpan.FromMinutes(1) };
        using var sut = LuaStrategy.FromSource("spin.lua", Scripts.WithStep("detect_opportunity", "local i = 0\nwhile true do\ni = i + 1\nend"), options: options);

        var error = Assert.Throws<LuaScriptException>(() => sut.DetectOpportunity(Scripts.Bar, _context, _indicators));

        Assert.Equal(LuaErrorKind.InstructionBudget, error.Kind);
        Assert.InRange(error.Line ?? 0, 3, 5);
        Assert.Contains("instruction budget of 50,000 exceeded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExactBudget_StepJustOverTheBudget_IsStoppedEveryTime()
    {
        // At least 16,000 instructions (two per iteration) against a budget of 10,000, far shorter than a watchdog look:
        // exact counting stops it whatever the machine does.
        var options = new LuaStrategyOptions { InstructionBudget = 10_000, ExactInstructionBudget = true };
        using var sut = LuaStrategy.FromSource("just_over.lua", Scripts.WithStep("detect_opportunity", "local s = 0\nfor i = 1, 8000 do s = s + i end\nreturn nil"), options: options);

        for (var i = 0; i < 5; i++)
        {
            var error = Assert.Throws<LuaScriptException>(() => sut.DetectOpportunity(Scripts.Bar, _context, _indicators));
            Assert.Equal(LuaErrorKind.InstructionBudget, error.Kind);
        }
    }

    [Fact]
    public void DeferredBudget_StepWithinTheBudget_IsNeverStopped()
    {
        var options = new LuaStrategyOptions { InstructionBudget = 100_000 };
        using var sut = LuaStrategy.FromSource("within.lua", Scripts.WithStep("detect_opportunity", "local s = 0\nfor i = 1, 20000 do s = s + i end\ncontext.sum = s\nreturn nil"), options: options);

        for (var i = 0; i < 200; i++)
        {
            sut.DetectOpportunity(Scripts.Bar, _context, _indicators);
        }

        Assert.Equal(200_010_000, _context.GetInteger("sum"));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("1", true)]
    [InlineData(null, false)]
    public void FromEnvironment_ExactInstructionBudget_IsReadAsABoolean(string? value, bool expected)
    {
        var options = LuaStrategyOptions.FromEnvironment(name => name == "HIVE_LUA_EXACT_INSTRUCTION_BUDGET" ? value : null);

        Assert.Equal(expected, options.ExactInstructionBudget);
    }

    [Fact]
    public void FromEnvironment_ExactInstructionBudgetNotABoolean_NamesTheVariable()
    {
        var error = Assert.Throws<ArgumentException>(() => LuaStrategyOptions.FromEnvironment(name => name == "HIVE_LUA_EXACT_INSTRUCTION_BUDGET" ? "sometimes" : null));

        Assert.Contains("HIVE_LUA_EXACT_INSTRUCTION_BUDGET=sometimes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Context_ChangedByTheHostBetweenCalls_IsWhatTheScriptReads()
    {
        using var sut = LuaStrategy.FromSource("read.lua", Scripts.WithStep("detect_opportunity", "context.seen = tostring(context.level)\nreturn nil"));
        _context.SetInteger("level", 1);
        sut.DetectOpportunity(Scripts.Bar, _context, _indicators);
        Assert.Equal("1", _context.GetString("seen"));

        _context.SetNumber("level", 2.5);
        sut.DetectOpportunity(Scripts.Bar, _context, _indicators);
        Assert.Equal("2.5", _context.GetString("seen"));

        _context.Remove("level");
        sut.DetectOpportunity(Scripts.Bar, _context, _indicators);
        Assert.Equal("nil", _context.GetString("seen"));

        // Another runner context object altogether (a reloaded runner) is read afresh.
        var other = new StrategyContext();
        other.SetString("level", "high");
        sut.DetectOpportunity(Scripts.Bar, other, _indicators);
        Assert.Equal("high", other.GetString("seen"));
    }

    [Fact]
    public void Context_WritesWithinACall_AreReadBackAndReachTheHost()
    {
        var body = """
            context.n = 1
            context.n = context.n + 1
            context.gone = true
            context.gone = nil
            context.seen = tostring(context.n) .. "," .. tostring(context.gone)
            return nil
            """;
        using var sut = LuaStrategy.FromSource("rw.lua", Scripts.WithStep("detect_opportunity", body));

        sut.DetectOpportunity(Scripts.Bar, _context, _indicators);

        Assert.Equal("2,nil", _context.GetString("seen"));
        Assert.Equal(2, _context.GetInteger("n"));
        Assert.False(_context.TryGet("gone", out _));
    }

    [Fact]
    public void Context_SameNumberOfTheOtherType_IsStoredWithItsType()
    {
        // 1 == 1.0 in Lua, but the context keeps integers and floats apart: the skip of unchanged writes must not drop it.
        using var sut = LuaStrategy.FromSource("types.lua", Scripts.WithStep("detect_opportunity", "context.x = 1\ncontext.x = 1.0\ncontext.t = math.type(context.x)\nreturn nil"));

        sut.DetectOpportunity(Scripts.Bar, _context, _indicators);

        Assert.Equal("float", _context.GetString("t"));
        Assert.True(_context.TryGet("x", out var x));
        Assert.Equal(ContextValueKind.Number, x.Kind);
    }

    [Theory]
    [InlineData("context[1] = nil", LuaErrorKind.InvalidContextValue, "context keys must be strings")]
    [InlineData("context[('k'):rep(100)] = nil", LuaErrorKind.HostQuota, "100 bytes long")]
    [InlineData("context.position = nil", LuaErrorKind.InvalidContextValue, "context.position is read-only")]
    [InlineData("context.ok = true\ncontext.ok = true\ncontext.bad = {}", LuaErrorKind.InvalidContextValue, "")]
    public void Context_WriteTheHostRefuses_IsRefusedEvenWhenItWouldChangeNothing(string body, LuaErrorKind kind, string message)
    {
        using var sut = LuaStrategy.FromSource("refused.lua", Scripts.WithStep("detect_opportunity", body + "\nreturn nil"));

        var error = Assert.Throws<LuaScriptException>(() => sut.DetectOpportunity(Scripts.Bar, _context, _indicators));

        Assert.Equal(kind, error.Kind);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Line);
    }

    [Fact]
    public void Context_NilForAKeyTheScriptSetBefore_IsDroppedWithoutError()
    {
        using var sut = LuaStrategy.FromSource("clear.lua", Scripts.WithStep("detect_opportunity", "context.flag = nil\ncontext.count = (context.count or 0) + 1\nreturn nil"));
        _context.SetBoolean("flag", true);

        for (var i = 0; i < 3; i++)
        {
            sut.DetectOpportunity(Scripts.Bar, _context, _indicators);
        }

        Assert.False(_context.TryGet("flag", out _));
        Assert.Equal(3, _context.GetInteger("count"));
    }

    [Fact]
    public void Indicators_ValuesWrittenBeforeEachCall_FollowTheProvider()
    {
        using var sut = LuaStrategy.FromSource("ema.lua", Scripts.WithStep("detect_opportunity", "context.seen = tostring(indicators.ema(20)) .. '|' .. tostring(indicators.ema(20.0))\nreturn nil"));

        _indicators.EmaValue = null;
        sut.DetectOpportunity(Scripts.Bar, _context, _indicators);
        Assert.Equal("nil|nil", _context.GetString("seen"));

        _indicators.EmaValue = 101.5;
        sut.DetectOpportunity(Scripts.Bar, _context, _indicators);
        Assert.Equal("101.5|101.5", _context.GetString("seen"));

        _indicators.EmaValue = 99.25;
        sut.DetectOpportunity(Scripts.Bar, _context, _indicators);
        Assert.Equal("99.25|99.25", _context.GetString("seen"));

        // Another provider (a new indicator set) is asked again, not answered from the old one's values.
        var other = new FakeIndicators { EmaValue = 7 };
        sut.DetectOpportunity(Scripts.Bar, _context, other);
        Assert.Equal("7.0|7.0", _context.GetString("seen"));
        Assert.Contains("ema(20)", other.Calls);
    }

    [Fact]
    public void Indicators_WithARealIndicatorSet_MatchTheSetBarForBar()
    {
        var window = new CandleWindow(64);
        var set = new IndicatorSet(window);
        using var sut = LuaStrategy.FromSource("ema_set.lua", Scripts.WithStep("detect_opportunity", "context.ema = indicators.ema(5) or -1\nreturn nil"));
        var price = 100.0;
        for (var i = 0; i < 40; i++)
        {
            price += (i % 7) - 3;
            var candle = new Candle("BTCUSDT", i * 60_000L, (i * 60_000L) + 59_999, price, price + 1, price - 1, price, 10);
            window.Add(candle);
            set.Update(candle);
            sut.DetectOpportunity(MarketData.FromCandle(candle), _context, set);

            Assert.Equal(set.Ema(5) ?? -1, _context.GetNumber("ema"));
        }
    }

    [Theory]
    [InlineData("indicators.ema('x')", "indicators.ema: argument 1 must be a positive integer period, got 'x'")]
    [InlineData("indicators.sma()", "indicators.sma: argument 1 must be a positive integer period, got nil")]
    [InlineData("indicators.rsi(20.5)", "indicators.rsi: argument 1 must be a positive integer period, got 20.5")]
    public void Indicators_BadArgumentThroughTheWrapper_NamesTheScriptLine(string call, string message)
    {
        using var sut = LuaStrategy.FromSource("bad_arg.lua", Scripts.WithStep("detect_opportunity", "local x = 1\n" + call + "\nreturn nil"));

        var error = Assert.Throws<LuaScriptException>(() => sut.DetectOpportunity(Scripts.Bar, _context, _indicators));

        Assert.Equal(LuaErrorKind.InvalidArgument, error.Kind);
        Assert.Equal(3, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WindowExtremes_AreReadOnlyAndReadFromTheHost()
    {
        _indicators.WindowHigh = 120;
        _indicators.WindowLow = 80;
        using var sut = LuaStrategy.FromSource("window.lua", Scripts.WithStep("detect_opportunity", "context.range = indicators.high - indicators.low\nindicators.mine = 3\ncontext.mine = indicators.mine\nindicators.high = 1\nreturn nil"));

        var error = Assert.Throws<LuaScriptException>(() => sut.DetectOpportunity(Scripts.Bar, _context, _indicators));

        Assert.Equal(40, _context.GetNumber("range"));
        Assert.Equal(3, _context.GetInteger("mine"));
        Assert.Equal(5, error.Line);
        Assert.Contains("indicators.high is read-only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Position_ChangedByTheScript_IsTheRunnersAgainNextCall()
    {
        _context.Position = new PositionInfo(PositionSide.Long, 100, 2, 95, null, 10, 42);
        var body = """
            context.seen = context.position.side .. "|" .. tostring(context.position.entry_price) .. "|" .. tostring(context.position.stop_loss)
            context.position.side = "short"
            context.position.entry_price = 1
            context.position.stop_loss = nil
            return nil
            """;
        using var sut = LuaStrategy.FromSource("tamper.lua", Scripts.WithStep("manage_position", body));

        sut.ManagePosition(Scripts.Bar, _context, _indicators);
        sut.ManagePosition(Scripts.Bar, _context, _indicators);

        Assert.Equal("long|100.0|95.0", _context.GetString("seen"));

        _context.Position = _context.Position.Value with { Side = PositionSide.Short, StopLoss = null, UnrealizedPnl = -3 };
        sut.ManagePosition(Scripts.Bar, _context, _indicators);
        Assert.Equal("short|100.0|nil", _context.GetString("seen"));
    }

    [Fact]
    public void MarketData_BarWithoutQuotes_ShowsTheCloseAsBidAndAskAndFloatZeroQuantities()
    {
        var bar = MarketData.FromCandle(new Candle("BTCUSDT", 0, 59_999, 100, 110, 95, 105.25, 12.5));
        var body = """
            local m = market_data
            context.seen = string.format("%s|%s|%s|%s|%s|%s|%s", tostring(m.bid), tostring(m.ask), tostring(m.mid_price),
              tostring(m.bid_qty), tostring(m.ask_qty), math.type(m.bid_qty), math.type(m.timestamp))
            return nil
            """;
        using var sut = LuaStrategy.FromSource("candle.lua", Scripts.WithStep("detect_opportunity", body));

        sut.DetectOpportunity(bar, _context, _indicators);
        Assert.Equal("105.25|105.25|105.25|0.0|0.0|float|integer", _context.GetString("seen"));

        // A quoted bar next: its own values, not the close.
        sut.DetectOpportunity(Scripts.Bar, _context, _indicators);
        Assert.Equal("104.5|105.5|105.0|3.0|1.0|float|integer", _context.GetString("seen"));
    }
}
