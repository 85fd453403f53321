using Hive.Testing;
using Hive.Trading.Indicators;
using Hive.Trading.Strategies;

namespace Hive.Lua.Tests;

/// <summary>
/// Scripts written as a hostile user would, one per hole found: each must end within its limit with an error naming
/// the script and the limit, and leave the VM (and the process) able to run the next call. A case that hangs fails at
/// the shared test deadline instead of hanging the run.
/// </summary>
public sealed class HostileScriptTests
{
    private static readonly LuaStrategyOptions Options = new() { CallTimeout = TimeSpan.FromMinutes(1) };

    private readonly StrategyContext _context = new();

    public static TheoryData<string, string, LuaErrorKind, string> Cases => new()
    {
        // Finalizers run inside the collector with hooks off: refused where they would be declared.
        { "__gc finalizer", "setmetatable({}, { __gc = function() while true do end end })", LuaErrorKind.Forbidden, "'__gc' is not available in the Hive Lua sandbox" },
        { "__gc through pcall", "local ok, e = pcall(setmetatable, {}, { __gc = function() end }) error(e, 0)", LuaErrorKind.Forbidden, "'__gc' is not available" },
        { "__close loops", "do local x <close> = setmetatable({}, { __close = function() while true do end end }) end", LuaErrorKind.InstructionBudget, "instruction budget of 1,000,000 exceeded" },
        { "__close loops after the budget", "local x <close> = setmetatable({}, { __close = function() while true do end end })\nwhile true do end", LuaErrorKind.InstructionBudget, "instruction budget of 1,000,000 exceeded" },

        { "__gc added to a metatable later", "local mt = {} local t = setmetatable({}, mt)\nmt.__gc = function() while true do end end", LuaErrorKind.Forbidden, "line 3: '__gc' is not available in the Hive Lua sandbox" },

        // Weak-keyed tables make the collector's ephemeron pass quadratic in C (20 s measured for 20,000 links).
        { "weak keys", "local t = setmetatable({}, { __mode = 'k' })", LuaErrorKind.Forbidden, "'__mode' is not available in the Hive Lua sandbox" },
        {
            "ephemeron chain with __mode added later",
            "local mt = {} local tables = {} for i = 1, 5000 do tables[i] = setmetatable({}, mt) end\nmt.__mode = 'k'",
            LuaErrorKind.Forbidden, "line 3: '__mode' is not available in the Hive Lua sandbox"
        },
        { "metatable of a metatable", "local Derived = setmetatable({}, { __index = {} })\nlocal obj = setmetatable({}, Derived)", LuaErrorKind.Runtime, "line 3: a table used as a metatable cannot have a metatable of its own" },
        { "unsealing a metatable", "local mt = {} setmetatable({}, mt)\nsetmetatable(mt, nil)", LuaErrorKind.Runtime, "cannot change a protected metatable" },
        {
            "forged seal marker", "local mt = {} setmetatable({}, mt)\nlocal x = setmetatable({}, { __metatable = getmetatable(mt) })\nsetmetatable({}, x)",
            LuaErrorKind.Runtime, "line 4: a table used as a metatable cannot have a metatable of its own"
        },

        // C pattern matching is charged before it runs.
        { "find backtracking", "string.find(string.rep('a', 5000), string.rep('a*', 20) .. 'b')", LuaErrorKind.InstructionBudget, "string.find on a 5,000-byte subject and a 41-byte pattern needs more than 10^15 units of work" },
        { "match backtracking", "string.match(string.rep('a', 300), '^' .. string.rep('a?', 60) .. string.rep('a', 60))", LuaErrorKind.InstructionBudget, "string.match on a 300-byte subject" },
        { "gmatch backtracking", "for x in string.gmatch(string.rep('a', 3000), string.rep('a-', 10) .. 'b') do end", LuaErrorKind.InstructionBudget, "string.gmatch on a 3,000-byte subject" },
        { "gsub replacement bomb", "string.gsub(string.rep('a', 100000), '(a?)', string.rep('%1', 100000))", LuaErrorKind.InstructionBudget, "string.gsub on a 100,000-byte subject" },
        { "method call on a string", "local s = ('a'):rep(4000) return s:find(('a*'):rep(8) .. 'b')", LuaErrorKind.InstructionBudget, "string.find on a 4,000-byte subject" },
        { "plain find n*m", "local s = string.rep('a', 3000000) s:find(string.rep('a', 1000000) .. 'b', 1, true)", LuaErrorKind.InstructionBudget, "string.find on a 3,000,000-byte subject and a 1,000,001-byte pattern" },
        { "balanced matches", "string.find(string.rep('(', 20000), string.rep('%b()', 3))", LuaErrorKind.InstructionBudget, "string.find on a 20,000-byte subject" },
        { "pattern work summed over a call", "local s = string.rep('a', 2000) for i = 1, 1000 do s:find('a*a*b') end", LuaErrorKind.InstructionBudget, "string.find on a 2,000-byte subject" },

        // Library loops bounded by their span.
        { "rep memory", "local s = string.rep('x', 10000000)", LuaErrorKind.MemoryLimit, "memory cap of 8,388,608 bytes exceeded" },
        { "concat through string.sub on strings", "getmetatable('').__index = string.sub\nreturn table.concat('abc', '', 10, 1 << 50)", LuaErrorKind.InstructionBudget, "table.concat on elements 10 to 1,125,899,906,842,624" },
        { "concat through C metamethods", "local t = setmetatable({}, { __index = table.concat, __len = rawlen })\nreturn table.concat(t, '', 1, 1 << 50)", LuaErrorKind.InstructionBudget, "table.concat on elements 1 to" },
        { "concat with a lying __len", "local t = setmetatable({}, { __index = function() return '' end, __len = function() return 1 << 60 end })\nreturn table.concat(t)", LuaErrorKind.InstructionBudget, "table.concat on elements 1 to" },
        { "insert with a lying __len", "local t = setmetatable({}, { __len = function() return 1 << 62 end })\ntable.insert(t, 1, 0)", LuaErrorKind.InstructionBudget, "instruction budget of 1,000,000 exceeded" },
        { "remove with a lying __len", "local t = setmetatable({}, { __len = function() return 1 << 62 end })\ntable.remove(t, 1)", LuaErrorKind.InstructionBudget, "instruction budget of 1,000,000 exceeded" },
        { "move a huge span", "table.move({}, 1, 1 << 62, 2)", LuaErrorKind.InstructionBudget, "table.move on elements 1 to" },
        { "sort with a lying __len", "local t = setmetatable({}, { __len = function() return 1 << 40 end, __index = function() return 0 end })\ntable.sort(t)", LuaErrorKind.InstructionBudget, "table.sort on" },
        { "sort a string with a hacked metatable", "local mt = getmetatable('') mt.__len = function() return 1 << 30 end mt.__newindex = rawequal\ntable.sort('abc')", LuaErrorKind.Runtime, "bad argument #1 to 'sort' (table expected, got string)" },
        { "sort with an endless comparator", "table.sort({ 3, 2, 1 }, function(a, b) while true do end end)", LuaErrorKind.InstructionBudget, "instruction budget of 1,000,000 exceeded" },
        { "unpack a huge span", "return table.unpack({}, 1, 100000000)", LuaErrorKind.InstructionBudget, "table.unpack on elements 1 to 100,000,000" },
        // Lua 5.4 releases word it differently: "invalid format (...)" up to 5.4.3, "invalid conversion ..." from 5.4.4.
        { "format with a huge width", "return string.format('%099999d', 1)", LuaErrorKind.Runtime, "invalid " },

        // Metatables on strings and on the tables the host shares.
        { "string metatable loop", "getmetatable('').__index = function() while true do end end\nreturn ('x'):anything()", LuaErrorKind.InstructionBudget, "instruction budget of 1,000,000 exceeded" },
        { "metatable on market_data", "setmetatable(market_data, { __newindex = function() while true do end end })", LuaErrorKind.Runtime, "cannot set the metatable of 'market_data': the host owns it" },
        { "metatable on context", "setmetatable(context, {})", LuaErrorKind.Runtime, "cannot set the metatable of 'context'" },
        { "metatable on indicators", "setmetatable(indicators, { __index = function() while true do end end })", LuaErrorKind.Runtime, "cannot set the metatable of 'indicators'" },
        { "__tostring recursion in C", "local t = setmetatable({}, { __tostring = tostring })\nreturn tostring(t)", LuaErrorKind.Runtime, "stack overflow" },

        // Coroutines are not offered, so no code runs on a thread without the budget's hook.
        { "coroutine", "local co = coroutine.create(function() while true do end end)", LuaErrorKind.Forbidden, "'coroutine' is not available in the Hive Lua sandbox" },
        { "coroutine via the raw global table", "local c = rawget(_G, 'coroutine') if c == nil then error('no coroutine', 0) end", LuaErrorKind.Runtime, "no coroutine" },

        // Deep recursion, huge strings and tables.
        { "tail-call loop", "local function f() return f() end\nreturn f()", LuaErrorKind.InstructionBudget, "instruction budget of 1,000,000 exceeded" },
        { "string doubling", "local s = 'x' for i = 1, 40 do s = s .. s end", LuaErrorKind.MemoryLimit, "memory cap of 8,388,608 bytes exceeded" },
        { "huge table", "local t = {} for i = 1, 1e9 do t[i] = i end", LuaErrorKind.MemoryLimit, "memory cap" },
        { "huge error message", "error(string.rep('x', 4000000))", LuaErrorKind.Runtime, "xxxxxxxx… (cut, 4,000,0" },

        // What stays refused.
        { "os", "return os.time()", LuaErrorKind.Forbidden, "'os' is not available" },
        { "io", "return io.open('/etc/passwd')", LuaErrorKind.Forbidden, "'io' is not available" },
        { "require", "return require('os')", LuaErrorKind.Forbidden, "'require' is not available" },
        { "load", "return load('return 1')", LuaErrorKind.Forbidden, "'load' is not available" },
        { "debug", "return debug.getinfo(1)", LuaErrorKind.Forbidden, "'debug' is not available" },
        { "string.dump", "return string.dump(print)", LuaErrorKind.Forbidden, "'string.dump' is not available" },
        { "rawget os", "local os = rawget(_G, 'os') return os.time()", LuaErrorKind.Runtime, "attempt to index a nil value" },
    };

    public static TheoryData<string, string> HostQuotaCases => new()
    {
        { "for i = 1, 100 do indicators.sma(i) end", "more than the quota of 64 indicator instances" },
        { "indicators.ema(50000)", "period 50,000 is over the quota's largest indicator period of 10,000 bars" },
        { "for i = 1, 20 do indicators.sma(9000 + i) end", "over the quota of 100,000" },
        { "for i = 1, 20 do indicators.macd(3000 + i, 3000 + i + 1, 3000) end", "over the quota of 100,000" },
        { "context[string.rep('k', 100)] = 1", "is 100 bytes long, over the quota's 64" },
        { "context.x = string.rep('v', 5000)", "context.x is a 5,000-byte string, over the quota's 4,096" },
        { "for i = 1, 1000 do context['k' .. i] = true end", "the context would hold 257 keys, over the quota of 256" },
        { "for i = 1, 30 do context['k' .. i] = string.rep('v', 4000) end", "characters of keys and values, over the quota of 65,536" },
        { "return { [string.rep('k', 100)] = 1 }", "opportunity field: context key 'kkkk" },
        { "return { note = string.rep('v', 5000) }", "field 'note' of the opportunity is a 5,000-byte string" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void DetectOpportunity_HostileScript_EndsWithClearErrorAndVmSurvives(string name, string body, LuaErrorKind kind, string fragment)
    {
        using var sut = LuaStrategy.FromSource("hostile.lua", Scripts.WithStep("detect_opportunity", body), options: Options);

        var error = Assert.Throws<LuaScriptException>(() => Within(() => sut.DetectOpportunity(Scripts.Bar, _context, new FakeIndicators())));
        var next = Record.Exception(() => Within(() => sut.FilterCommitment(Scripts.Bar, _context, new FakeIndicators())));

        Assert.True(kind == error.Kind, $"{name}: {error.Kind}: {error.Message}");
        Assert.True(error.Message.Contains(fragment, StringComparison.Ordinal), $"{name}: {error.Message}");
        Assert.StartsWith("hostile.lua: detect_opportunity: ", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 2 * Options.MaxTextLength, $"{name}: the error is {error.Message.Length:N0} characters long");
        Assert.Null(next);
    }

    [Theory]
    [MemberData(nameof(HostQuotaCases))]
    public void DetectOpportunity_HostMemoryGrowth_StopsAtQuota(string body, string fragment)
    {
        var indicators = new IndicatorSet(new CandleWindow(16));
        using var sut = LuaStrategy.FromSource("greedy.lua", Scripts.WithStep("detect_opportunity", body), options: Options);

        var error = Assert.Throws<LuaScriptException>(() => Within(() => sut.DetectOpportunity(Scripts.Bar, _context, indicators)));

        Assert.True(error.Kind == LuaErrorKind.HostQuota, $"{error.Kind}: {error.Message}");
        Assert.True(error.IsLimitExceeded);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        Assert.True(indicators.Count <= Options.MaxIndicators + 1, $"{indicators.Count} indicators");
        Assert.True(_context.Count <= Options.MaxContextKeys, $"{_context.Count} context keys");
        Assert.True(_context.Size <= Options.MaxContextSize, $"context size {_context.Size}");
    }

    [Fact]
    public void DetectOpportunity_IndicatorQuota_HoldsAcrossReloads()
    {
        var indicators = new IndicatorSet(new CandleWindow(16));
        var body = "for i = (context.start or 1), (context.start or 1) + 39 do indicators.sma(i) end context.start = 41";
        using var sut = LuaStrategy.FromSource("reloaded.lua", Scripts.WithStep("detect_opportunity", body), options: Options);
        sut.DetectOpportunity(Scripts.Bar, _context, indicators);

        sut.Reload(Scripts.WithStep("detect_opportunity", body));
        var error = Assert.Throws<LuaScriptException>(() => sut.DetectOpportunity(Scripts.Bar, _context, indicators));

        Assert.Equal(LuaErrorKind.HostQuota, error.Kind);
        Assert.Equal(Options.MaxIndicators + 1, indicators.Count);
    }

    [Fact]
    public void DetectOpportunity_ExpensiveInstructions_WatchdogInterruptsNamingLimit()
    {
        var options = Options with { InstructionBudget = int.MaxValue, CallTimeout = TimeSpan.FromMilliseconds(200) };
        var body = "local s = string.rep('x', 3000000)\nwhile true do local t = s .. 'y' end";
        using var sut = LuaStrategy.FromSource("slow.lua", Scripts.WithStep("detect_opportunity", body), options: options);

        var error = Assert.Throws<LuaScriptException>(() => Within(() => sut.DetectOpportunity(Scripts.Bar, _context, new FakeIndicators())));
        var next = Record.Exception(() => Within(() => sut.FilterCommitment(Scripts.Bar, _context, new FakeIndicators())));

        Assert.Equal(LuaErrorKind.Timeout, error.Kind);
        Assert.True(error.IsLimitExceeded);
        Assert.StartsWith("slow.lua: detect_opportunity: line 3: wall-clock limit of 200 ms exceeded", error.Message, StringComparison.Ordinal);
        Assert.Null(next);
    }

    [Theory]
    [InlineData("while true do pcall(function() local t = s .. 'y' end) end")]
    [InlineData("local x <close> = setmetatable({}, { __close = function() while true do local t = s .. 'y' end end })\nerror('boom')")]
    [InlineData("xpcall(function() while true do local t = s .. 'y' end end, function() while true do local t = s .. 'y' end end)")]
    public void DetectOpportunity_WatchdogUnderPcallCloseOrHandler_StillEndsTheCall(string loop)
    {
        var options = Options with { InstructionBudget = int.MaxValue, CallTimeout = TimeSpan.FromMilliseconds(100) };
        var body = "local s = string.rep('x', 3000000)\n" + loop;
        using var sut = LuaStrategy.FromSource("slow.lua", Scripts.WithStep("detect_opportunity", body), options: options);

        var error = Assert.Throws<LuaScriptException>(() => Within(() => sut.DetectOpportunity(Scripts.Bar, _context, new FakeIndicators())));

        Assert.Equal(LuaErrorKind.Timeout, error.Kind);
    }

    [Fact]
    public async Task DetectOpportunity_OneRunnerTimesOut_OtherRunnersKeepRunning()
    {
        var slowOptions = Options with { InstructionBudget = int.MaxValue, CallTimeout = TimeSpan.FromMilliseconds(300) };
        using var slow = LuaStrategy.FromSource("slow.lua", Scripts.WithStep("detect_opportunity", "local s = string.rep('x', 3000000)\nwhile true do local t = s .. 'y' end"), options: slowOptions);
        using var good = LuaStrategy.FromSource("good.lua", Scripts.WithStep("detect_opportunity", "context.n = (context.n or 0) + 1"), options: Options);
        var goodContext = new StrategyContext();

        var hung = Task.Factory.StartNew(
            () => Record.Exception(() => slow.DetectOpportunity(Scripts.Bar, new StrategyContext(), new FakeIndicators())),
            TaskCreationOptions.LongRunning);
        while (!hung.IsCompleted && goodContext.GetInteger("n") < 100)
        {
            good.DetectOpportunity(Scripts.Bar, goodContext, new FakeIndicators());
        }

        var error = Assert.IsType<LuaScriptException>(await hung.Within());
        Assert.Equal(LuaErrorKind.Timeout, error.Kind);
        Assert.True(goodContext.GetInteger("n") >= 1);
        good.DetectOpportunity(Scripts.Bar, goodContext, new FakeIndicators());
    }

    [Fact]
    public void Rep_EmptyStringHugeCount_ReturnsEmptyAtOnce()
    {
        var body = "if string.rep('', 1 << 62) ~= '' or string.rep('', 1 << 62, '') ~= '' or ('x'):rep(3, ',') ~= 'x,x,x' then error('wrong', 0) end";
        using var sut = LuaStrategy.FromSource("rep.lua", Scripts.WithStep("detect_opportunity", body), options: Options);

        Assert.Equal(StrategyAction.None, Within(() => sut.DetectOpportunity(Scripts.Bar, _context, new FakeIndicators())));
    }

    [Fact]
    public void Library_OrdinaryUse_BehavesAsLua()
    {
        var body = """
            local t = { 5, 3, 9 }
            table.insert(t, 1)
            table.insert(t, 1.0, 7)
            table.sort(t)
            local removed = table.remove(t, 1)
            local last = table.remove(t)
            local s = table.concat(t, ",")
            local a, b = table.unpack({ 1, 2 })
            local word = ("key=value"):match("^(%w+)=(%w+)$")
            local n = select(2, ("a,b,c"):gsub(",", ";"))
            local parts = {}
            for w in ("x y z"):gmatch("%S+") do parts[#parts + 1] = w end
            local proxy = setmetatable({}, { __index = { 4, 2, 8 }, __len = function() return 3 end })
            table.sort(proxy)
            local moved = table.move({ 1, 2, 3 }, 1, 3, 2)
            context.result = table.concat({ s, removed, last, a + b, word, n, table.concat(parts), ("abc"):find("b", 1, true), proxy[1], proxy[3], moved[4] }, "|")
            """;
        using var sut = LuaStrategy.FromSource("ordinary.lua", Scripts.WithStep("detect_opportunity", body), options: Options);

        Within(() => sut.DetectOpportunity(Scripts.Bar, _context, new FakeIndicators()));

        Assert.Equal("3,5,7|1|9|3|key|2|xyz|2|2|8|3", _context.GetString("result"));
    }

    [Fact]
    public void Print_Flood_LogsBoundedLinesOfBoundedLength()
    {
        var lines = new List<string>();
        var options = Options with { Log = lines.Add };
        using var sut = LuaStrategy.FromSource("loud.lua", Scripts.WithStep("detect_opportunity", "local s = string.rep('x', 100000) for i = 1, 1000 do print(s) end"), options: options);

        Within(() => sut.DetectOpportunity(Scripts.Bar, _context, new FakeIndicators()));

        Assert.Equal(options.MaxLogLinesPerCall + 1, lines.Count);
        Assert.All(lines, line => Assert.True(line.Length < 2 * options.MaxTextLength, $"{line.Length} characters"));
        Assert.Contains("print lines in one call", lines[^1], StringComparison.Ordinal);
    }

    public static TheoryData<string> EdgeNumbers => new() { "0/0", "1/0", "-1/0", "1e308", "-1e308", "math.maxinteger", "math.mininteger", "5e-324", "-0.0", "0" };

    [Theory]
    [MemberData(nameof(EdgeNumbers))]
    public void Actions_EdgeNumberInEveryField_AreInvalidActions(string number)
    {
        var cases = new (string Step, string Action, string Field)[]
        {
            ("filter_commitment", "enter_long", "price"),
            ("filter_commitment", "enter_long", "quantity"),
            ("filter_commitment", "enter_short", "stop_loss"),
            ("filter_commitment", "enter_short", "take_profit"),
            ("manage_position", "exit", "price"),
            ("manage_position", "update_stop_loss", "price"),
            ("manage_position", "update_take_profit", "price"),
        };
        foreach (var (step, action, field) in cases)
        {
            using var sut = LuaStrategy.FromSource("edge.lua", Scripts.WithStep(step, $"return {{ action = \"{action}\", {field} = {number} }}"), options: Options);

            var error = Assert.Throws<LuaScriptException>(() => step == "filter_commitment"
                ? sut.FilterCommitment(Scripts.Bar, _context, new FakeIndicators())
                : sut.ManagePosition(Scripts.Bar, _context, new FakeIndicators()));

            Assert.Equal(LuaErrorKind.InvalidAction, error.Kind);
            Assert.Equal(field, error.Field);
            Assert.Contains("must be a finite number from 1e-12 to 1e12", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("0/0")]
    [InlineData("1/0")]
    [InlineData("-1/0")]
    public void Context_NonFiniteNumber_IsRefused(string number)
    {
        using var sut = LuaStrategy.FromSource("edge.lua", Scripts.WithStep("detect_opportunity", $"context.x = {number}"), options: Options);
        using var opportunity = LuaStrategy.FromSource("edge.lua", Scripts.WithStep("detect_opportunity", $"return {{ x = {number} }}"), options: Options);

        var direct = Assert.Throws<LuaScriptException>(() => sut.DetectOpportunity(Scripts.Bar, _context, new FakeIndicators()));
        var returned = Assert.Throws<LuaScriptException>(() => opportunity.DetectOpportunity(Scripts.Bar, _context, new FakeIndicators()));

        Assert.Equal(LuaErrorKind.InvalidContextValue, direct.Kind);
        Assert.Contains("context.x must be a finite number (the context is persisted)", direct.Message, StringComparison.Ordinal);
        Assert.Equal(LuaErrorKind.InvalidAction, returned.Kind);
        Assert.Equal("x", returned.Field);
        Assert.False(_context.TryGet("x", out _));
    }

    [Fact]
    public void Context_EdgeIntegersAndHugeFiniteNumbers_AreKept()
    {
        using var sut = LuaStrategy.FromSource("edge.lua", Scripts.WithStep("detect_opportunity", "context.max = math.maxinteger context.min = math.mininteger context.big = 1e308 context.tiny = 5e-324"), options: Options);

        sut.DetectOpportunity(Scripts.Bar, _context, new FakeIndicators());

        Assert.Equal(long.MaxValue, _context.GetInteger("max"));
        Assert.Equal(long.MinValue, _context.GetInteger("min"));
        Assert.Equal(1e308, _context.GetNumber("big"));
        Assert.Equal(5e-324, _context.GetNumber("tiny"));
    }

    [Fact]
    public void Reason_Huge_IsInvalidAction()
    {
        using var sut = LuaStrategy.FromSource("wordy.lua", Scripts.WithStep("filter_commitment", "return { action = 'cancel_analysis', reason = string.rep('r', 100000) }"), options: Options);

        var error = Assert.Throws<LuaScriptException>(() => sut.FilterCommitment(Scripts.Bar, _context, new FakeIndicators()));

        Assert.Equal(LuaErrorKind.InvalidAction, error.Kind);
        Assert.Equal("reason", error.Field);
        Assert.Contains("is 100,000 bytes long; at most 1,024", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("return { action = string.rep('a', 4000000) }", "unknown action 'aaaa")]
    [InlineData("return { action = 'enter_long', [string.rep('f', 4000000)] = 1 }", "unknown field 'ffff")]
    [InlineData("return indicators.sma(string.rep('p', 4000000))", "got 'pppp")]
    public void FilterCommitment_HugeNamesInErrors_AreCut(string body, string fragment)
    {
        using var sut = LuaStrategy.FromSource("names.lua", Scripts.WithStep("filter_commitment", body), options: Options);

        var error = Assert.Throws<LuaScriptException>(() => sut.FilterCommitment(Scripts.Bar, _context, new FakeIndicators()));

        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 2 * Options.MaxTextLength, $"{error.Message.Length:N0} characters");
    }

    [Fact]
    public void ManagePosition_FieldsRemovedFromPositionTable_AreRefilledAndItsMetatableIsRefused()
    {
        var body = """
            local p = context.position
            if context.armed then
              if p.side ~= "long" then error("position not refilled", 0) end
              setmetatable(p, { __newindex = function() while true do end end })
            end
            context.armed = true
            p.side = nil
            p.entry_price = nil
            return nil
            """;
        _context.Position = new PositionInfo(PositionSide.Long, 100, 1, null, null, 0, 1);
        using var sut = LuaStrategy.FromSource("position.lua", Scripts.WithStep("manage_position", body), options: Options);

        var first = Within(() => sut.ManagePosition(Scripts.Bar, _context, new FakeIndicators()));
        var error = Assert.Throws<LuaScriptException>(() => Within(() => sut.ManagePosition(Scripts.Bar, _context, new FakeIndicators())));

        Assert.Equal(StrategyAction.None, first);
        Assert.Contains("line 7: cannot set the metatable of 'context.position': the host owns it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEnvironment_Variables_OverrideDefaults()
    {
        var variables = new Dictionary<string, string>
        {
            ["HIVE_LUA_INSTRUCTION_BUDGET"] = "5000",
            ["HIVE_LUA_CALL_TIMEOUT_MS"] = "250",
            ["HIVE_LUA_MAX_CONTEXT_KEYS"] = "10",
        };

        var sut = LuaStrategyOptions.FromEnvironment(name => variables.GetValueOrDefault(name));

        Assert.Equal(5000, sut.InstructionBudget);
        Assert.Equal(TimeSpan.FromMilliseconds(250), sut.CallTimeout);
        Assert.Equal(10, sut.MaxContextKeys);
        Assert.Equal(LuaStrategyOptions.Default.MemoryLimitBytes, sut.MemoryLimitBytes);
    }

    [Fact]
    public void FromEnvironment_BadValue_NamesVariable()
    {
        var error = Assert.Throws<ArgumentException>(() => LuaStrategyOptions.FromEnvironment(name => name == "HIVE_LUA_MAX_INDICATORS" ? "-3" : null));

        Assert.Contains("HIVE_LUA_MAX_INDICATORS=-3", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Runs <paramref name="call"/> on its own thread; a call still running at the shared deadline fails the test instead of hanging it.</summary>
    private static T Within<T>(Func<T> call)
    {
        var task = Task.Factory.StartNew(call, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            if (!task.Wait(Wait.Deadline))
            {
                Assert.Fail($"the call did not end within {Wait.Deadline}");
            }
        }
        catch (AggregateException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException);
        }

        return task.Result;
    }
}
