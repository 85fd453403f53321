using Hive.Trading.Strategies;

namespace Hive.Lua.Tests;

public sealed class LuaStrategyTests
{
    private readonly StrategyContext _context = new();
    private readonly FakeIndicators _indicators = new();

    [Fact]
    public void DetectOpportunity_NilResult_ReturnsNone()
    {
        using var sut = LuaStrategy.FromSource("quiet.lua", Scripts.Quiet());

        var action = sut.DetectOpportunity(Scripts.Bar, _context, _indicators);

        Assert.True(action.IsNone);
    }

    [Fact]
    public void DetectOpportunity_MarketDataFields_AreAllVisible()
    {
        var script = Scripts.WithStep("detect_opportunity", """
            local m = market_data
            context.seen = string.format("%s|%d|%g|%g|%g|%g|%g|%g|%g|%g|%g|%g", m.symbol, m.timestamp, m.open, m.high, m.low,
              m.close, m.volume, m.bid, m.ask, m.bid_qty, m.ask_qty, m.mid_price)
            return nil
            """);
        using var sut = LuaStrategy.FromSource("md.lua", script);

        sut.DetectOpportunity(Scripts.Bar, _context, _indicators);

        Assert.Equal("BTCUSDT|1700000000000|100|110|95|105|12.5|104.5|105.5|3|1|105", _context.GetString("seen"));
    }

    [Fact]
    public void DetectOpportunity_OpportunityTable_StoresFieldsInContextVisibleNextStep()
    {
        var script = """
            function detect_opportunity(m, context, ind)
              return { signal = "buy", confidence = 0.75, strength = 3, strong = true, reason = "cross" }
            end
            function filter_commitment(m, context, ind)
              context.echo = context.signal .. ":" .. tostring(context.confidence) .. ":" .. math.type(context.strength)
              return nil
            end
            function manage_position() return nil end
            """;
        using var sut = LuaStrategy.FromSource("opp.lua", script);

        var action = sut.DetectOpportunity(Scripts.Bar, _context, _indicators);
        sut.FilterCommitment(Scripts.Bar, _context, _indicators);

        Assert.Equal(StrategyAction.Opportunity("cross"), action);
        Assert.Equal("buy", _context.GetString("signal"));
        Assert.Equal(0.75, _context.GetNumber("confidence"));
        Assert.Equal(3, _context.GetInteger("strength"));
        Assert.True(_context.GetBoolean("strong"));
        Assert.Equal("buy:0.75:integer", _context.GetString("echo"));
    }

    [Fact]
    public void FilterCommitment_ContextWrites_AreTypedAndNilRemoves()
    {
        _context.SetString("gone", "x");
        var script = Scripts.WithStep("filter_commitment", """
            context.n = 1.5
            context.i = 7
            context.s = "text"
            context.b = false
            context.gone = nil
            context.count = (context.count or 0) + 1
            return nil
            """);
        using var sut = LuaStrategy.FromSource("ctx.lua", script);

        sut.FilterCommitment(Scripts.Bar, _context, _indicators);
        sut.FilterCommitment(Scripts.Bar, _context, _indicators);

        Assert.Equal(ContextValue.FromNumber(1.5), Get("n"));
        Assert.Equal(ContextValue.FromInteger(7), Get("i"));
        Assert.Equal(ContextValue.FromString("text"), Get("s"));
        Assert.Equal(ContextValue.FromBoolean(false), Get("b"));
        Assert.False(_context.TryGet("gone", out _));
        Assert.Equal(2, _context.GetInteger("count"));
    }

    [Fact]
    public void ManagePosition_InPosition_ExposesPositionFields()
    {
        _context.Position = new PositionInfo(PositionSide.Long, 100, 2, 95, null, 10, 42);
        var script = Scripts.WithStep("manage_position", """
            local p = context.position
            context.seen = string.format("%s|%g|%g|%g|%s|%g|%d", p.side, p.entry_price, p.quantity, p.stop_loss,
              tostring(p.take_profit), p.unrealized_pnl, p.entry_time)
            return { action = "update_stop_loss", price = p.entry_price }
            """);
        using var sut = LuaStrategy.FromSource("pos.lua", script);

        var action = sut.ManagePosition(Scripts.Bar, _context, _indicators);

        Assert.Equal("long|100|2|95|nil|10|42", _context.GetString("seen"));
        Assert.Equal(StrategyAction.UpdateStopLoss(100), action);
    }

    [Fact]
    public void DetectOpportunity_Flat_PositionIsNil()
    {
        _context.Position = new PositionInfo(PositionSide.Short, 100, 2, null, null, 0, 0);
        var script = Scripts.WithStep("detect_opportunity", "context.flat = context.position == nil\nreturn nil");
        using var sut = LuaStrategy.FromSource("flat.lua", script);
        sut.DetectOpportunity(Scripts.Bar, _context, _indicators);
        Assert.False(_context.GetBoolean("flat"));

        _context.Position = null;
        sut.DetectOpportunity(Scripts.Bar, _context, _indicators);

        Assert.True(_context.GetBoolean("flat"));
    }

    [Fact]
    public void FilterCommitment_EnterLong_ReturnsAllFields()
    {
        var script = Scripts.WithStep("filter_commitment", """
            return { action = "enter_long", price = market_data.close, quantity = 0.5, stop_loss = 95, take_profit = 120, reason = "go" }
            """);
        using var sut = LuaStrategy.FromSource("enter.lua", script);

        var action = sut.FilterCommitment(Scripts.Bar, _context, _indicators);

        Assert.Equal(StrategyAction.EnterLong(105, 0.5, 95, 120, "go"), action);
    }

    [Theory]
    [InlineData("return { action = \"enter_short\" }", StrategyActionKind.EnterShort)]
    [InlineData("return { action = \"cancel_analysis\", reason = \"gone\" }", StrategyActionKind.CancelAnalysis)]
    public void FilterCommitment_OtherActions_MapToKinds(string body, StrategyActionKind expected)
    {
        using var sut = LuaStrategy.FromSource("f.lua", Scripts.WithStep("filter_commitment", body));

        var action = sut.FilterCommitment(Scripts.Bar, _context, _indicators);

        Assert.Equal(expected, action.Kind);
    }

    [Theory]
    [InlineData("return { action = \"exit\" }", StrategyActionKind.Exit)]
    [InlineData("return { action = \"exit\", price = 101 }", StrategyActionKind.Exit)]
    [InlineData("return { action = \"update_take_profit\", price = 130 }", StrategyActionKind.UpdateTakeProfit)]
    public void ManagePosition_Actions_MapToKinds(string body, StrategyActionKind expected)
    {
        using var sut = LuaStrategy.FromSource("m.lua", Scripts.WithStep("manage_position", body));

        var action = sut.ManagePosition(Scripts.Bar, _context, _indicators);

        Assert.Equal(expected, action.Kind);
    }

    [Fact]
    public void Indicators_Ready_ReturnValuesAndMultipleReturns()
    {
        _indicators.SmaValue = 1;
        _indicators.EmaValue = 2;
        _indicators.RsiValue = 3;
        _indicators.AtrValue = 4;
        _indicators.HighValue = 5;
        _indicators.LowValue = 6;
        _indicators.MacdReading = new MacdValue(7, 8, -1);
        _indicators.BollingerReading = new BollingerValue(9, 10, 11, 0.1, 0.5);
        var script = Scripts.WithStep("detect_opportunity", """
            local line, signal, hist = indicators.macd(12, 26, 9)
            local up, mid, low = indicators.bollinger(20, 2)
            context.seen = table.concat({ indicators.sma(20), indicators.ema(12), indicators.rsi(14), indicators.atr(14),
              indicators.highest(10), indicators.lowest(10), line, signal, hist, up, mid, low }, ",")
            return nil
            """);
        using var sut = LuaStrategy.FromSource("ind.lua", script);

        sut.DetectOpportunity(Scripts.Bar, _context, _indicators);

        Assert.Equal("1.0,2.0,3.0,4.0,5.0,6.0,7.0,8.0,-1.0,9.0,10.0,11.0", _context.GetString("seen"));
        Assert.Equal(["macd(12,26,9)", "bollinger(20,2)", "sma(20)", "ema(12)", "rsi(14)", "atr(14)", "high(10)", "low(10)"], _indicators.Calls);
    }

    [Fact]
    public void Indicators_HighAndLow_AreTheWindowsNumbersAsInTheSeedContract()
    {
        _indicators.WindowHigh = 105.5;
        _indicators.WindowLow = 98.25;
        var script = Scripts.WithStep("detect_opportunity", """
            context.seen = string.format("%s %s %.4f", math.type(indicators.high), math.type(indicators.low), indicators.high * 0.999 - indicators.low)
            return nil
            """);
        using var sut = LuaStrategy.FromSource("seed.lua", script);

        sut.DetectOpportunity(Scripts.Bar, _context, _indicators);

        Assert.Equal("float float 7.1445", _context.GetString("seen"));
    }

    [Fact]
    public void Indicators_HighAndLowBeforeTheFirstBar_AreNil()
    {
        var script = Scripts.WithStep("detect_opportunity", """
            context.none = indicators.high == nil and indicators.low == nil
            return nil
            """);
        using var sut = LuaStrategy.FromSource("seed_nil.lua", script);

        sut.DetectOpportunity(Scripts.Bar, _context, _indicators);

        Assert.True(_context.GetBoolean("none"));
    }

    [Fact]
    public void Indicators_NotReady_ReturnNil()
    {
        var script = Scripts.WithStep("detect_opportunity", """
            context.none = indicators.sma(20) == nil and indicators.macd() == nil and indicators.bollinger(20) == nil
            return nil
            """);
        using var sut = LuaStrategy.FromSource("nil.lua", script);

        sut.DetectOpportunity(Scripts.Bar, _context, _indicators);

        Assert.True(_context.GetBoolean("none"));
        Assert.Contains("macd(12,26,9)", _indicators.Calls);
        Assert.Contains("bollinger(20,2)", _indicators.Calls);
    }

    [Fact]
    public void Params_FromStrategyParameters_AreTypedGlobals()
    {
        var parameters = StrategyParameters.Parse("fast=12,ratio=0.5,mode=aggressive,live=true");
        var script = Scripts.WithStep("detect_opportunity", """
            context.seen = string.format("%s|%s|%s|%s", math.type(params.fast), tostring(params.ratio), params.mode, tostring(params.live))
            return nil
            """);
        using var sut = LuaStrategy.FromSource("params.lua", script, parameters);

        sut.DetectOpportunity(Scripts.Bar, _context, _indicators);

        Assert.Equal("integer|0.5|aggressive|true", _context.GetString("seen"));
    }

    [Fact]
    public void Print_WithLogSink_ForwardsText()
    {
        var lines = new List<string>();
        var options = new LuaStrategyOptions { Log = lines.Add };
        using var sut = LuaStrategy.FromSource("print.lua", Scripts.WithStep("detect_opportunity", "print('close', market_data.close)\nreturn nil"), options: options);

        sut.DetectOpportunity(Scripts.Bar, _context, _indicators);

        Assert.Equal(["close\t105.0"], lines);
    }

    [Fact]
    public void ScriptState_UpvaluesAndGlobals_PersistBetweenCalls()
    {
        var script = "local calls = 0\n" + Scripts.WithStep("detect_opportunity", "calls = calls + 1\ncontext.calls = calls\nreturn nil");
        using var sut = LuaStrategy.FromSource("state.lua", script);

        for (var i = 0; i < 5; i++)
        {
            sut.DetectOpportunity(Scripts.Bar, _context, _indicators);
        }

        Assert.Equal(5, _context.GetInteger("calls"));
    }

    private ContextValue Get(string key) => _context.TryGet(key, out var value) ? value : throw new KeyNotFoundException(key);
}
