using BenchmarkDotNet.Attributes;
using Hive.Lua;
using Hive.Trading.Indicators;
using Hive.Trading.Market;
using Hive.Trading.Strategies;
using Hive.Trading.Strategies.Compiled;

namespace Hive.Benchmarks.Lua;

/// <summary>
/// Cost of one strategy call per tick, conversions included: market_data filled, context and indicators passed, the
/// function run under its instruction budget, the result read. Target (DESIGN §8 via the Lua issue): ≤ 5 µs per call.
/// The compiled ema-cross on the same warmed indicators is the baseline.
/// </summary>
[MemoryDiagnoser]
public class LuaCallBenchmarks
{
    private const string Empty = """
        function detect_opportunity(market_data, context, indicators) return nil end
        function filter_commitment(market_data, context, indicators) return nil end
        function manage_position(market_data, context, indicators) return nil end
        """;

    private const string Typical = """
        local fast, slow = 12, 26
        function detect_opportunity(m, context, indicators)
          local f, s = indicators.ema(fast), indicators.ema(slow)
          local rsi = indicators.rsi(14)
          if f == nil or s == nil or rsi == nil then return nil end
          context.ticks = (context.ticks or 0) + 1
          if f > s * 10 and m.close > m.open and rsi < 0 then return { signal = "never" } end
          return nil
        end
        function filter_commitment(m, context, indicators) return nil end
        function manage_position(m, context, indicators)
          local p = context.position
          if p.side == "long" and m.close < p.entry_price * 0.5 then return { action = "exit" } end
          return nil
        end
        """;

    private readonly StrategyContext _context = new();
    private readonly StrategyContext _inPosition = new();
    private IndicatorSet _indicators = null!;
    private MarketData _bar;
    private LuaStrategy _empty = null!;
    private LuaStrategy _typical = null!;
    private LuaStrategy _emaCrossover = null!;
    private EmaCrossStrategy _compiled = null!;

    [GlobalSetup]
    public void Setup()
    {
        var window = new CandleWindow(256);
        _indicators = new IndicatorSet(window);
        Candle last = default;
        foreach (var candle in LuaBenchmarkData.Candles(300))
        {
            window.Add(candle);
            _indicators.Update(candle);
            last = candle;
        }

        _bar = MarketData.FromCandle(last);
        _inPosition.Position = new PositionInfo(PositionSide.Long, last.Close, 1, null, null, 0, last.CloseTime);
        _empty = LuaStrategy.FromSource("empty.lua", Empty);
        _typical = LuaStrategy.FromSource("typical.lua", Typical);
        _emaCrossover = LuaStrategy.LoadFile(LuaBenchmarkData.Script("ema_crossover.lua"));
        _compiled = new EmaCrossStrategy();

        // First calls create the indicators and record the regime; the measured calls are the steady state.
        _typical.DetectOpportunity(_bar, _context, _indicators);
        _emaCrossover.DetectOpportunity(_bar, _context, _indicators);
        _compiled.DetectOpportunity(_bar, _context, _indicators);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _empty.Dispose();
        _typical.Dispose();
        _emaCrossover.Dispose();
    }

    [Benchmark(Description = "compiled ema-cross detect")]
    public StrategyAction CompiledEmaCross() => _compiled.DetectOpportunity(_bar, _context, _indicators);

    [Benchmark(Baseline = true, Description = "lua empty step (pure overhead)")]
    public StrategyAction LuaEmpty() => _empty.DetectOpportunity(_bar, _context, _indicators);

    [Benchmark(Description = "lua ema_crossover.lua detect")]
    public StrategyAction LuaEmaCrossover() => _emaCrossover.DetectOpportunity(_bar, _context, _indicators);

    [Benchmark(Description = "lua typical detect (3 indicators, context r/w)")]
    public StrategyAction LuaTypicalDetect() => _typical.DetectOpportunity(_bar, _context, _indicators);

    [Benchmark(Description = "lua manage in position (position table)")]
    public StrategyAction LuaManageInPosition() => _typical.ManagePosition(_bar, _inPosition, _indicators);
}
