using Hive.Trading.Indicators;
using Hive.Trading.Market;
using Hive.Trading.Strategies;

namespace Hive.Lua.Tests;

/// <summary>
/// The per-call shortcuts: context reads from the mirror inside the VM, context writes that change nothing skipping
/// the host, and indicator values handed over before the call. Each must answer exactly as the host would.
/// </summary>
public sealed class LuaFastPathTests
{
    private static readonly LuaStrategyOptions Options = LuaStrategyOptions.Default;

    private readonly StrategyContext _context = new();
    private readonly FakeIndicators _indicators = new();

    [Fact]
    public void DetectOpportunity_HostChangesContextBetweenCalls_ScriptReadsTheNewValues()
    {
        using var sut = LuaStrategy.FromSource("mirror.lua", Scripts.WithStep("detect_opportunity", "context.seen = tostring(context.x) .. ':' .. math.type(context.x or 0)\nreturn nil"));
        _context.SetInteger("x", 5);

        sut.DetectOpportunity(Scripts.Bar, _context, _indicators);
        var first = _context.GetString("seen");
        _context.SetNumber("x", 2.5);
        sut.DetectOpportunity(Scripts.Bar, _context, _indicators);
        var second = _context.GetString("seen");
        _context.Remove("x");
        sut.DetectOpportunity(Scripts.Bar, _context, _indicators);
        var third = _context.GetString("seen");

        Assert.Equal(("5:integer", "2.5:float", "nil:integer"), (first, second, third));
    }

    [Fact]
    public void DetectOpportunity_AnotherContextObject_ScriptReadsThatContext()
    {
        using var sut = LuaStrategy.FromSource("mirror.lua", Scripts.WithStep("detect_opportunity", "context.seen = context.x\nreturn nil"));
        var other = new StrategyContext();
        _context.SetString("x", "first");
        other.SetString("x", "second");

        sut.DetectOpportunity(Scripts.Bar, _context, _indicators);
        sut.DetectOpportunity(Scripts.Bar, other, _indicators);

        Assert.Equal(("first", "second"), (_context.GetString("seen"), other.GetString("seen")));
    }

    [Fact]
    public void DetectOpportunity_WriteRefusedByQuota_IsNeitherStoredNorReadBack()
    {
        using var sut = LuaStrategy.FromSource("quota.lua", Scripts.WithStep("detect_opportunity", """
            if context.step == nil then
              context.step = 1
              context.big = string.rep('v', 5000)
            end
            context.seen = tostring(context.big)
            return nil
            """));

        var error = Assert.Throws<LuaScriptException>(() => sut.DetectOpportunity(Scripts.Bar, _context, _indicators));
        sut.DetectOpportunity(Scripts.Bar, _context, _indicators);

        Assert.Equal(LuaErrorKind.HostQuota, error.Kind);
        Assert.Equal(4, error.Line);
        Assert.False(_context.TryGet("big", out _));
        Assert.Equal("nil", _context.GetString("seen"));
    }

    [Fact]
    public void DetectOpportunity_SameNumberWrittenAsFloat_StoresAFloat()
    {
        using var sut = LuaStrategy.FromSource("types.lua", Scripts.WithStep("detect_opportunity", "context.n = 1\ncontext.n = 1.0\ncontext.s = 'a'\ncontext.s = 'a'\ncontext.b = true\ncontext.b = true\nreturn nil"));

        sut.DetectOpportunity(Scripts.Bar, _context, _indicators);

        Assert.True(_context.TryGet("n", out var n));
        Assert.Equal(ContextValueKind.Number, n.Kind);
        Assert.Equal(("a", true), (_context.GetString("s"), _context.GetBoolean("b")));
    }

    [Theory]
    [InlineData("context.position = nil", LuaErrorKind.InvalidContextValue, "context.position is read-only")]
    [InlineData("context[string.rep('k', 100)] = nil", LuaErrorKind.HostQuota, "is 100 bytes long, over the quota's 64")]
    [InlineData("context[1] = nil", LuaErrorKind.InvalidContextValue, "context keys must be strings, got number")]
    [InlineData("context.position = context.position", LuaErrorKind.InvalidContextValue, "context.position is read-only")]
    [InlineData("context['\\xff'] = 1", LuaErrorKind.InvalidContextValue, "is not valid UTF-8 text")]
    public void DetectOpportunity_WriteThatChangesNothing_IsStillCheckedLikeAnyWrite(string body, LuaErrorKind kind, string fragment)
    {
        using var sut = LuaStrategy.FromSource("writes.lua", Scripts.WithStep("detect_opportunity", "local a = 1\n" + body + "\nreturn nil"), options: Options);

        var error = Assert.Throws<LuaScriptException>(() => sut.DetectOpportunity(Scripts.Bar, _context, _indicators));

        Assert.Equal(kind, error.Kind);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void DetectOpportunity_IndicatorAskedBefore_IsHandedOverWithTheCurrentValue()
    {
        using var sut = LuaStrategy.FromSource("ema.lua", Scripts.WithStep("detect_opportunity", "context.v = indicators.ema(12)\ncontext.w = indicators.ema(12.0)\nreturn nil"));
        var seen = new List<(double?, double?)>();

        foreach (var value in new double?[] { 1.5, 2.5, null, 4.5 })
        {
            _indicators.EmaValue = value;
            sut.DetectOpportunity(Scripts.Bar, _context, _indicators);
            seen.Add((_context.TryGet("v", out var v) ? v.AsNumber() : null, _context.TryGet("w", out var w) ? w.AsNumber() : null));
        }

        Assert.Equal([(1.5, 1.5), (2.5, 2.5), (null, null), (4.5, 4.5)], seen);
        // The first call asked the host twice (12 and 12.0); every later call's value was read once, before the call.
        Assert.Equal(Enumerable.Repeat("ema(12)", 5), _indicators.Calls);
    }

    [Fact]
    public void DetectOpportunity_AnotherProvider_ValuesComeFromIt()
    {
        using var sut = LuaStrategy.FromSource("ema.lua", Scripts.WithStep("detect_opportunity", "context.v = indicators.sma(20)\nreturn nil"));
        var other = new FakeIndicators { SmaValue = 9 };
        _indicators.SmaValue = 1;

        sut.DetectOpportunity(Scripts.Bar, _context, _indicators);
        sut.DetectOpportunity(Scripts.Bar, _context, _indicators);
        sut.DetectOpportunity(Scripts.Bar, _context, other);

        Assert.Equal(9, _context.GetNumber("v"));
    }

    [Fact]
    public void DetectOpportunity_ProviderThrowsAfterAnEarlierValue_ErrorComesFromTheScriptsAsk()
    {
        var indicators = new FlakyIndicators();
        using var sut = LuaStrategy.FromSource("flaky.lua", Scripts.WithStep("detect_opportunity", "local a = 1\nlocal v = indicators.rsi(14)\nreturn nil"));

        sut.DetectOpportunity(Scripts.Bar, _context, indicators);
        indicators.Throw = true;
        var error = Assert.Throws<LuaScriptException>(() => sut.DetectOpportunity(Scripts.Bar, _context, indicators));

        Assert.Equal(LuaErrorKind.InvalidArgument, error.Kind);
        Assert.Equal(3, error.Line);
        Assert.Contains("indicators.rsi: window too small", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DetectOpportunity_IndicatorSetClearedBetweenCalls_IsNotRefilledBeforeTheScriptAsks()
    {
        var window = new CandleWindow(64);
        var set = new IndicatorSet(window);
        for (var i = 0; i < 40; i++)
        {
            var candle = new Candle("BTCUSDT", i * 60_000L, (i + 1) * 60_000L, 100 + i, 101 + i, 99 + i, 100 + i, 1, true);
            window.Add(candle);
            set.Update(candle);
        }

        using var sut = LuaStrategy.FromSource("set.lua", Scripts.WithStep("detect_opportunity", "if context.ask ~= false then context.v = indicators.ema(5) end\nreturn nil"));
        sut.DetectOpportunity(Scripts.Bar, _context, set);
        sut.DetectOpportunity(Scripts.Bar, _context, set);
        set.Clear();
        _context.SetBoolean("ask", false);

        sut.DetectOpportunity(Scripts.Bar, _context, set);

        Assert.Equal(0, set.Count);
    }

    [Fact]
    public void DetectOpportunity_LoopOverHandedOverIndicator_StopsAtTheInstructionBudget()
    {
        var options = Options with { InstructionBudget = 100_000 };
        using var sut = LuaStrategy.FromSource("loop.lua", Scripts.WithStep("detect_opportunity", "local s = indicators.ema(12)\nwhile context.loop do s = s + indicators.ema(12) end"), options: options);
        _indicators.EmaValue = 1;
        sut.DetectOpportunity(Scripts.Bar, _context, _indicators);
        _context.SetBoolean("loop", true);

        var error = Assert.Throws<LuaScriptException>(() => sut.DetectOpportunity(Scripts.Bar, _context, _indicators));

        Assert.Equal(LuaErrorKind.InstructionBudget, error.Kind);
        Assert.Contains("instruction budget of 100,000 exceeded", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, error.Line);
        Assert.Equal(["ema(12)", "ema(12)"], _indicators.Calls);
    }

    private sealed class FlakyIndicators : IIndicatorProvider
    {
        public bool Throw { get; set; }

        public double? WindowHigh => null;

        public double? WindowLow => null;

        public double? Rsi(int period) => Throw ? throw new ArgumentOutOfRangeException(nameof(period), "window too small") : 50;

        public double? Sma(int period) => null;

        public double? Ema(int period) => null;

        public MacdValue? Macd(int fastPeriod, int slowPeriod, int signalPeriod) => null;

        public BollingerValue? Bollinger(int period, double k) => null;

        public double? Atr(int period) => null;

        public double? High(int period) => null;

        public double? Low(int period) => null;
    }
}
