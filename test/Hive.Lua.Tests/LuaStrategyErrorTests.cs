using Hive.Trading.Strategies;

namespace Hive.Lua.Tests;

public sealed class LuaStrategyErrorTests
{
    private readonly StrategyContext _context = new();
    private readonly FakeIndicators _indicators = new();

    [Fact]
    public void FromSource_SyntaxError_NamesFileAndLine()
    {
        var source = Scripts.Quiet("local x = 1\nlocal y = = 2\n");

        var error = Assert.Throws<LuaScriptException>(() => LuaStrategy.FromSource("broken.lua", source));

        Assert.Equal(LuaErrorKind.Syntax, error.Kind);
        Assert.Equal(2, error.Line);
        Assert.Equal("load", error.Step);
        Assert.StartsWith("broken.lua: load: line 2: syntax error: unexpected symbol near '='", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_SyntaxError_NamesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hive-{Guid.NewGuid():N}.lua");
        File.WriteAllText(path, "function detect_opportunity(\n");
        try
        {
            var error = Assert.Throws<LuaScriptException>(() => LuaStrategy.LoadFile(path));

            Assert.Equal(Path.GetFileName(path), error.Strategy);
            Assert.Equal(LuaErrorKind.Syntax, error.Kind);
            Assert.Equal(2, error.Line);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LoadFile_MissingFile_NamesThePath()
    {
        var error = Assert.Throws<LuaScriptException>(() => LuaStrategy.LoadFile("no/such/strategy.lua"));

        Assert.Equal(LuaErrorKind.Unreadable, error.Kind);
        Assert.Contains("no/such/strategy.lua", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSource_MissingFunction_NamesFileAndFunction()
    {
        var source = "function detect_opportunity() end\nfunction manage_position() end\n";

        var error = Assert.Throws<LuaScriptException>(() => LuaStrategy.FromSource("partial.lua", source));

        Assert.Equal(LuaErrorKind.MissingFunction, error.Kind);
        Assert.Equal("filter_commitment", error.Field);
        Assert.StartsWith("partial.lua: load: missing function 'filter_commitment'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSource_StepIsNotAFunction_SaysWhatItIs()
    {
        var source = "detect_opportunity = 5\nfunction filter_commitment() end\nfunction manage_position() end\n";

        var error = Assert.Throws<LuaScriptException>(() => LuaStrategy.FromSource("num.lua", source));

        Assert.Equal("num.lua: load: 'detect_opportunity' must be a function, got number", error.Message);
    }

    [Fact]
    public void FromSource_TopLevelRuntimeError_NamesLine()
    {
        var error = Assert.Throws<LuaScriptException>(() => LuaStrategy.FromSource("top.lua", Scripts.Quiet("local t = nil\nlocal x = t.field\n")));

        Assert.Equal(LuaErrorKind.Runtime, error.Kind);
        Assert.Equal(2, error.Line);
        Assert.Contains("attempt to index a nil value (local 't')", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DetectOpportunity_ComparingNilWithNumber_NamesScriptFunctionAndLine()
    {
        var script = Scripts.WithStep("detect_opportunity", "local fast = indicators.ema(12)\nif fast < market_data.close then\nreturn {}\nend\nreturn nil");
        using var sut = LuaStrategy.FromSource("cmp.lua", script);

        var error = Assert.Throws<LuaScriptException>(() => sut.DetectOpportunity(Scripts.Bar, _context, _indicators));

        Assert.Equal(LuaErrorKind.Runtime, error.Kind);
        Assert.Equal("detect_opportunity", error.Step);
        Assert.Equal(3, error.Line);
        Assert.Equal("cmp.lua: detect_opportunity: line 3: attempt to compare nil with number", error.Message);
    }

    [Fact]
    public void DetectOpportunity_ErrorCall_KeepsLine()
    {
        using var sut = LuaStrategy.FromSource("err.lua", Scripts.WithStep("detect_opportunity", "error('bad things')"));

        var error = Assert.Throws<LuaScriptException>(() => sut.DetectOpportunity(Scripts.Bar, _context, _indicators));

        Assert.Equal("err.lua: detect_opportunity: line 2: bad things", error.Message);
    }

    [Fact]
    public void FilterCommitment_UnknownAction_NamesItAndListsValidOnes()
    {
        using var sut = LuaStrategy.FromSource("typo.lua", Scripts.WithStep("filter_commitment", "return { action = \"enter_postion\", quantity = 1 }"));

        var error = Assert.Throws<LuaScriptException>(() => sut.FilterCommitment(Scripts.Bar, _context, _indicators));

        Assert.Equal(LuaErrorKind.UnknownAction, error.Kind);
        Assert.Equal(
            "typo.lua: filter_commitment: unknown action 'enter_postion'; valid actions in filter_commitment: enter_long, enter_short, cancel_analysis (or nil to keep analysing)",
            error.Message);
    }

    [Fact]
    public void ManagePosition_ActionOfAnotherStep_IsRejectedWithValidList()
    {
        using var sut = LuaStrategy.FromSource("step.lua", Scripts.WithStep("manage_position", "return { action = \"enter_long\" }"));

        var error = Assert.Throws<LuaScriptException>(() => sut.ManagePosition(Scripts.Bar, _context, _indicators));

        Assert.Equal(LuaErrorKind.UnknownAction, error.Kind);
        Assert.Contains("action 'enter_long' is not valid in manage_position; valid actions in manage_position: exit, update_stop_loss, update_take_profit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DetectOpportunity_EntryAction_IsRejected()
    {
        using var sut = LuaStrategy.FromSource("early.lua", Scripts.WithStep("detect_opportunity", "return { action = \"enter_long\" }"));

        var error = Assert.Throws<LuaScriptException>(() => sut.DetectOpportunity(Scripts.Bar, _context, _indicators));

        Assert.Contains("action 'enter_long' is not valid in detect_opportunity", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("return { action = \"enter_long\", quantity = \"1\" }", "quantity", "field 'quantity' of action 'enter_long' must be a number, got string")]
    [InlineData("return { action = \"enter_long\", quantity = -1 }", "quantity", "field 'quantity' of action 'enter_long' must be a finite number from 1e-12 to 1e12, got -1")]
    [InlineData("return { action = \"enter_short\", price = 0 }", "price", "field 'price' of action 'enter_short' must be a finite number from 1e-12 to 1e12, got 0")]
    [InlineData("return { action = \"enter_long\", stop_loss = true }", "stop_loss", "field 'stop_loss' of action 'enter_long' must be a number, got boolean")]
    [InlineData("return { action = \"enter_long\", take_profit = 0/0 }", "take_profit", "field 'take_profit' of action 'enter_long' must be a finite number from 1e-12 to 1e12, got NaN")]
    [InlineData("return { action = \"enter_long\", stoploss = 90 }", "stoploss", "unknown field 'stoploss' in action 'enter_long'; valid fields: price, quantity, stop_loss, take_profit, reason")]
    [InlineData("return { action = \"cancel_analysis\", reason = 5 }", "reason", "field 'reason' of action 'cancel_analysis' must be a string, got number")]
    [InlineData("return { action = 5 }", "action", "field 'action' must be a string, got number")]
    public void FilterCommitment_WrongField_NamesFieldAndProblem(string body, string field, string expected)
    {
        using var sut = LuaStrategy.FromSource("fields.lua", Scripts.WithStep("filter_commitment", body));

        var error = Assert.Throws<LuaScriptException>(() => sut.FilterCommitment(Scripts.Bar, _context, _indicators));

        Assert.Equal(LuaErrorKind.InvalidAction, error.Kind);
        Assert.Equal(field, error.Field);
        Assert.Equal("fields.lua: filter_commitment: " + expected, error.Message);
    }

    [Fact]
    public void ManagePosition_UpdateStopLossWithoutPrice_SaysPriceIsRequired()
    {
        using var sut = LuaStrategy.FromSource("sl.lua", Scripts.WithStep("manage_position", "return { action = \"update_stop_loss\" }"));

        var error = Assert.Throws<LuaScriptException>(() => sut.ManagePosition(Scripts.Bar, _context, _indicators));

        Assert.Equal("sl.lua: manage_position: field 'price' of action 'update_stop_loss' is required", error.Message);
    }

    [Fact]
    public void FilterCommitment_NonTableResult_IsRejected()
    {
        using var sut = LuaStrategy.FromSource("str.lua", Scripts.WithStep("filter_commitment", "return \"enter_long\""));

        var error = Assert.Throws<LuaScriptException>(() => sut.FilterCommitment(Scripts.Bar, _context, _indicators));

        Assert.Equal("str.lua: filter_commitment: must return nil or an action table, got string", error.Message);
    }

    [Fact]
    public void DetectOpportunity_OpportunityWithTableField_IsRejected()
    {
        using var sut = LuaStrategy.FromSource("opp.lua", Scripts.WithStep("detect_opportunity", "return { levels = {1, 2} }"));

        var error = Assert.Throws<LuaScriptException>(() => sut.DetectOpportunity(Scripts.Bar, _context, _indicators));

        Assert.Equal("levels", error.Field);
        Assert.Contains("field 'levels' of the opportunity is a table", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DetectOpportunity_EndlessLoop_StopsAtBudgetNamingScriptAndFunction()
    {
        var options = new LuaStrategyOptions { InstructionBudget = 10_000 };
        using var sut = LuaStrategy.FromSource("loop.lua", Scripts.WithStep("detect_opportunity", "local i = 0\nwhile true do\ni = i + 1\nend"), options: options);

        var error = Assert.Throws<LuaScriptException>(() => sut.DetectOpportunity(Scripts.Bar, _context, _indicators));

        Assert.Equal(LuaErrorKind.InstructionBudget, error.Kind);
        Assert.Equal("detect_opportunity", error.Step);
        Assert.InRange(error.Line ?? 0, 3, 5);
        Assert.StartsWith("loop.lua: detect_opportunity: line", error.Message, StringComparison.Ordinal);
        Assert.Contains("instruction budget of 10,000 exceeded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DetectOpportunity_EndlessLoopInsidePcall_CannotBeSwallowed()
    {
        var options = new LuaStrategyOptions { InstructionBudget = 10_000 };
        var body = "while true do\npcall(function() while true do end end)\nend";
        using var sut = LuaStrategy.FromSource("sly.lua", Scripts.WithStep("detect_opportunity", body), options: options);

        var error = Assert.Throws<LuaScriptException>(() => sut.DetectOpportunity(Scripts.Bar, _context, _indicators));

        Assert.Equal(LuaErrorKind.InstructionBudget, error.Kind);
    }

    [Theory]
    [InlineData("local function f(n) return f(n + 1) end\nreturn f(1)", LuaErrorKind.InstructionBudget)]
    [InlineData("local function f(n) return 1 + f(n + 1) end\nreturn f(1)", LuaErrorKind.InstructionBudget)]
    [InlineData("local t = setmetatable({}, { __index = function(t, k) return t[k] end })\nreturn t.x", LuaErrorKind.Runtime)]
    public void DetectOpportunity_RunawayRecursion_IsAnErrorNotACrash(string body, LuaErrorKind kind)
    {
        // The budget is under test, not the watchdog: a loaded machine must not turn the result into a timeout.
        var options = new LuaStrategyOptions { InstructionBudget = 1_000_000, MemoryLimitBytes = 64L * 1024 * 1024, CallTimeout = TimeSpan.FromMinutes(1) };
        using var sut = LuaStrategy.FromSource("deep.lua", Scripts.WithStep("detect_opportunity", body), options: options);

        var error = Assert.Throws<LuaScriptException>(() => sut.DetectOpportunity(Scripts.Bar, _context, _indicators));
        var next = Record.Exception(() => sut.FilterCommitment(Scripts.Bar, _context, _indicators));

        Assert.Equal(kind, error.Kind);
        Assert.Null(next);
    }

    [Fact]
    public void DetectOpportunity_EndlessLoopInsidePrint_ReportsNoPreludeLine()
    {
        var options = new LuaStrategyOptions { InstructionBudget = 10_000 };
        var body = "local t = setmetatable({}, { __tostring = function() while true do end end })\nprint(t)";
        using var sut = LuaStrategy.FromSource("print.lua", Scripts.WithStep("detect_opportunity", body), options: options);

        var error = Assert.Throws<LuaScriptException>(() => sut.DetectOpportunity(Scripts.Bar, _context, _indicators));

        Assert.Equal(LuaErrorKind.InstructionBudget, error.Kind);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void DetectOpportunity_AfterBudgetError_NextCallRunsNormally()
    {
        var options = new LuaStrategyOptions { InstructionBudget = 10_000 };
        var body = "if context.loop then while true do end end\ncontext.ran = true\nreturn nil";
        using var sut = LuaStrategy.FromSource("once.lua", Scripts.WithStep("detect_opportunity", body), options: options);
        _context.SetBoolean("loop", true);
        Assert.Throws<LuaScriptException>(() => sut.DetectOpportunity(Scripts.Bar, _context, _indicators));
        _context.SetBoolean("loop", false);

        var action = sut.DetectOpportunity(Scripts.Bar, _context, _indicators);

        Assert.True(action.IsNone);
        Assert.True(_context.GetBoolean("ran"));
    }

    [Fact]
    public void FromSource_EndlessLoopAtTopLevel_StopsAtLoad()
    {
        var options = new LuaStrategyOptions { InstructionBudget = 10_000 };

        var error = Assert.Throws<LuaScriptException>(() => LuaStrategy.FromSource("top.lua", Scripts.Quiet("while true do end\n"), options: options));

        Assert.Equal(LuaErrorKind.InstructionBudget, error.Kind);
        Assert.Equal("load", error.Step);
    }

    [Fact]
    public void DetectOpportunity_MemoryBomb_StopsAtCapNamingScriptAndFunction()
    {
        var options = new LuaStrategyOptions { MemoryLimitBytes = 1024 * 1024, InstructionBudget = 100_000_000 };
        var body = "local t = {}\nwhile true do\nt[#t + 1] = string.rep('x', 1000) .. #t\nend";
        using var sut = LuaStrategy.FromSource("bomb.lua", Scripts.WithStep("detect_opportunity", body), options: options);

        var error = Assert.Throws<LuaScriptException>(() => sut.DetectOpportunity(Scripts.Bar, _context, _indicators));

        Assert.Equal(LuaErrorKind.MemoryLimit, error.Kind);
        Assert.StartsWith("bomb.lua: detect_opportunity: memory cap of 1,048,576 bytes exceeded", error.Message, StringComparison.Ordinal);
        Assert.True(sut.MemoryUsed <= options.MemoryLimitBytes, $"{sut.MemoryUsed} bytes held");
    }

    [Fact]
    public void DetectOpportunity_MemoryErrorCaughtAndRaisedAgain_IsStillMemoryLimit()
    {
        var options = new LuaStrategyOptions { MemoryLimitBytes = 1024 * 1024 };
        var body = "local ok, err = pcall(string.rep, 'x', 100000000)\nerror(err)";
        using var sut = LuaStrategy.FromSource("rethrow.lua", Scripts.WithStep("detect_opportunity", body), options: options);

        var error = Assert.Throws<LuaScriptException>(() => sut.DetectOpportunity(Scripts.Bar, _context, _indicators));

        Assert.Equal(LuaErrorKind.MemoryLimit, error.Kind);
    }

    [Fact]
    public void DetectOpportunity_SingleHugeString_StopsAtCap()
    {
        var options = new LuaStrategyOptions { MemoryLimitBytes = 1024 * 1024 };
        using var sut = LuaStrategy.FromSource("rep.lua", Scripts.WithStep("detect_opportunity", "local s = string.rep('x', 100000000)\nreturn nil"), options: options);

        var error = Assert.Throws<LuaScriptException>(() => sut.DetectOpportunity(Scripts.Bar, _context, _indicators));

        Assert.Equal(LuaErrorKind.MemoryLimit, error.Kind);
    }

    [Theory]
    [InlineData("os.time()", "os")]
    [InlineData("io.open('x')", "io")]
    [InlineData("require('socket')", "require")]
    [InlineData("load('return 1')", "load")]
    [InlineData("loadfile('x.lua')", "loadfile")]
    [InlineData("dofile('x.lua')", "dofile")]
    [InlineData("debug.traceback()", "debug")]
    [InlineData("package.path = ''", "package")]
    [InlineData("collectgarbage()", "collectgarbage")]
    [InlineData("rawset(context, 'x', 1)", "rawset")]
    public void DetectOpportunity_ForbiddenLibrary_NamesItAndLine(string call, string name)
    {
        using var sut = LuaStrategy.FromSource("evil.lua", Scripts.WithStep("detect_opportunity", "local x = 1\n" + call + "\nreturn nil"));

        var error = Assert.Throws<LuaScriptException>(() => sut.DetectOpportunity(Scripts.Bar, _context, _indicators));

        Assert.Equal(LuaErrorKind.Forbidden, error.Kind);
        Assert.Equal(3, error.Line);
        Assert.StartsWith($"evil.lua: detect_opportunity: line 3: '{name}' is not available in the Hive Lua sandbox", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DetectOpportunity_StringDump_IsForbidden()
    {
        using var sut = LuaStrategy.FromSource("dump.lua", Scripts.WithStep("detect_opportunity", "return { x = string.dump(detect_opportunity) }"));

        var error = Assert.Throws<LuaScriptException>(() => sut.DetectOpportunity(Scripts.Bar, _context, _indicators));

        Assert.Equal(LuaErrorKind.Forbidden, error.Kind);
        Assert.Contains("'string.dump' is not available", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSource_BinaryChunk_IsRefused()
    {
        var error = Assert.Throws<LuaScriptException>(() => LuaStrategy.FromSource("bin.lua", "\u001bLua"));

        Assert.Equal(LuaErrorKind.Syntax, error.Kind);
        Assert.Contains("binary", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FilterCommitment_StoringTableInContext_NamesKeyAndLine()
    {
        using var sut = LuaStrategy.FromSource("ctx.lua", Scripts.WithStep("filter_commitment", "local a = 1\ncontext.levels = { 1, 2 }\nreturn nil"));

        var error = Assert.Throws<LuaScriptException>(() => sut.FilterCommitment(Scripts.Bar, _context, _indicators));

        Assert.Equal(LuaErrorKind.InvalidContextValue, error.Kind);
        Assert.Equal("ctx.lua: filter_commitment: line 4: context.levels cannot hold a table: the context stores numbers, integers, strings and booleans", error.Message);
    }

    [Fact]
    public void FilterCommitment_WritingPosition_IsRejected()
    {
        using var sut = LuaStrategy.FromSource("pos.lua", Scripts.WithStep("filter_commitment", "context.position = 5\nreturn nil"));

        var error = Assert.Throws<LuaScriptException>(() => sut.FilterCommitment(Scripts.Bar, _context, _indicators));

        Assert.Equal(LuaErrorKind.InvalidContextValue, error.Kind);
        Assert.Contains("context.position is read-only", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("indicators.sma('20')", "indicators.sma: argument 1 must be a positive integer period, got '20'")]
    [InlineData("indicators.ema(0)", "indicators.ema: argument 1 must be a positive integer period, got 0")]
    [InlineData("indicators.rsi(2.5)", "indicators.rsi: argument 1 must be a positive integer period, got 2.5")]
    [InlineData("indicators.atr()", "indicators.atr: argument 1 must be a positive integer period, got nil")]
    [InlineData("indicators.bollinger(20, -1)", "indicators.bollinger: argument 2 (k) must be a positive number, got -1")]
    public void DetectOpportunity_BadIndicatorArgument_NamesIndicatorAndLine(string call, string expected)
    {
        using var sut = LuaStrategy.FromSource("args.lua", Scripts.WithStep("detect_opportunity", "local v = " + call + "\nreturn nil"));

        var error = Assert.Throws<LuaScriptException>(() => sut.DetectOpportunity(Scripts.Bar, _context, _indicators));

        Assert.Equal(LuaErrorKind.InvalidArgument, error.Kind);
        Assert.Equal($"args.lua: detect_opportunity: line 2: {expected}", error.Message);
    }

    [Fact]
    public void DetectOpportunity_HostIndicatorThrows_BecomesScriptError()
    {
        using var sut = LuaStrategy.FromSource("host.lua", Scripts.WithStep("detect_opportunity", "local v = indicators.sma(5)\nreturn nil"));

        var error = Assert.Throws<LuaScriptException>(() => sut.DetectOpportunity(Scripts.Bar, _context, new ThrowingIndicators()));

        Assert.Equal(LuaErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("indicators.sma: window too small", error.Message, StringComparison.Ordinal);
    }

    private sealed class ThrowingIndicators : IIndicatorProvider
    {
        public double? Sma(int period) => throw new ArgumentOutOfRangeException(nameof(period), "window too small");

        public double? Ema(int period) => null;

        public double? Rsi(int period) => null;

        public MacdValue? Macd(int fastPeriod, int slowPeriod, int signalPeriod) => null;

        public BollingerValue? Bollinger(int period, double k) => null;

        public double? Atr(int period) => null;

        public double? High(int period) => null;

        public double? Low(int period) => null;
    }
}
