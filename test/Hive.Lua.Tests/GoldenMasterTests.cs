using System.Globalization;
using Hive.Testing;
using Hive.Trading.Backtesting;
using Hive.Trading.Market;
using Hive.Trading.Runners;
using Hive.Trading.Strategies;
using Xunit.Abstractions;

namespace Hive.Lua.Tests;

/// <summary>
/// Golden masters of the shipped strategies (LEAN's regression-algorithm practice): a fixed generated series in, the
/// trade count, final P&amp;L and metrics out, through the same <see cref="Backtester"/> the <c>hive backtest</c> command uses.
/// </summary>
public sealed class GoldenMasterTests(ITestOutputHelper output)
{
    private static readonly Candle[] Data = TestMarket.Generate(5_000);

    [Theory]
    [InlineData("ema_crossover.lua", "quantity=10", 25, "2073.2502", 0.56, 0.003461)] // 25 since the regime fix: one re-entry after an exit
    [InlineData("rsi_reversion.lua", "quantity=10,stop=1.5,take=3", 32, "-345.1397", 0.25, 0.034635)]
    [InlineData("macd_momentum.lua", "quantity=10", 136, "466.4776", 0.338235, 0.010710)]
    [InlineData("bollinger_breakout.lua", "quantity=10", 64, "1232.7615", 0.796875, 0.003704)]
    [InlineData("book_imbalance.lua", "quantity=10", 287, "352.8763", 0.386760, 0.005876)]
    public void Backtest_ShippedStrategy_MatchesGoldenMaster(string script, string parameters, int trades, string netProfit, double winRate, double maxDrawdown)
    {
        var report = Run(TestMarket.Strategy(script), parameters, Data);
        var metrics = report.Runners[0].Metrics;
        output.WriteLine(FormattableString.Invariant(
            $"{script}: trades={metrics.TradeCount} net={metrics.NetProfit:F4} fees={metrics.TotalFees:F4} win={metrics.WinRate:F6} dd={metrics.MaxDrawdown:F6} pf={metrics.ProfitFactor:F6} sharpe={metrics.Sharpe:F6} exposure={metrics.ExposureTime:F6} errors={report.Runners[0].Errors.Count}"));

        Assert.Empty(report.Runners[0].Errors);
        Assert.Equal(trades, metrics.TradeCount);
        Assert.Equal(decimal.Parse(netProfit, CultureInfo.InvariantCulture), Math.Round(metrics.NetProfit, 4));
        Assert.Equal(winRate, metrics.WinRate, 6);
        Assert.Equal(maxDrawdown, metrics.MaxDrawdown, 6);
    }

    [Fact]
    public void Backtest_EmaCrossoverLua_TradesExactlyLikeCompiledEmaCross()
    {
        var lua = Run(TestMarket.Strategy("ema_crossover.lua"), "fast=9,slow=21,stop=1,take=2", Data).Runners[0];
        var compiled = Run("ema-cross", "fast=9,slow=21,stop=1,take=2", Data).Runners[0];

        Assert.NotEmpty(compiled.Trades);
        Assert.Equal(
            compiled.Trades.Select(static t => (t.Side, t.EntryTime, t.EntryPrice, t.ExitTime, t.ExitPrice, t.Pnl, t.ExitReason)),
            lua.Trades.Select(static t => (t.Side, t.EntryTime, t.EntryPrice, t.ExitTime, t.ExitPrice, t.Pnl, t.ExitReason)));
        Assert.Equal(compiled.Metrics.FinalEquity, lua.Metrics.FinalEquity);
    }

    [SharedDataTheory]
    [InlineData("ema_crossover.lua")]
    [InlineData("rsi_reversion.lua")]
    [InlineData("macd_momentum.lua")]
    [InlineData("bollinger_breakout.lua")]
    [InlineData("book_imbalance.lua")]
    public void Backtest_ShippedStrategyOnRealKlines_ProducesTrades(string script)
    {
        var candles = TestMarket.ReadKlines(SharedData.PathOf("klines", "LINKUSDT-1m-2026-02.csv"), "LINKUSDT");

        var report = Run(TestMarket.Strategy(script), "quantity=10", candles, "LINKUSDT");

        var runner = report.Runners[0];
        output.WriteLine(FormattableString.Invariant($"{script}: {candles.Length} bars, trades={runner.Metrics.TradeCount} net={runner.Metrics.NetProfit:F4}"));
        Assert.Empty(runner.Errors);
        Assert.NotEmpty(runner.Trades);
    }

    internal static BacktestReport Run(string strategy, string parameters, Candle[] candles, string symbol = TestMarket.Symbol)
    {
        var catalog = StrategyCatalog.CreateWithBuiltIns();
        LuaStrategyResolver.Register(catalog);
        var config = new RunnerConfig
        {
            RunnerId = "golden",
            Symbol = symbol,
            Strategy = strategy,
            Parameters = StrategyParameters.Parse(parameters),
            ErrorPolicy = ErrorPolicy.Production,
        };
        return new Backtester(catalog).Run(new Dictionary<string, IReadOnlyList<Candle>> { [symbol] = candles }, [config]);
    }
}
