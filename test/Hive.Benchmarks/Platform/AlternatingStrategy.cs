using Hive.Trading.Market;
using Hive.Trading.Strategies;

namespace Hive.Benchmarks.Platform;

/// <summary>
/// Trades as often as the state machine allows: an opportunity when idle, a long entry of one unit when analysing,
/// an exit when in position. Two of every three bars send an order. Allocates nothing.
/// </summary>
internal sealed class AlternatingStrategy : IStrategy
{
    public const string Name = "bench-alternate";

    public const string LuaScript = """
        function detect_opportunity(market_data, context, indicators) return {} end
        function filter_commitment(market_data, context, indicators) return { action = "enter_long", quantity = 1 } end
        function manage_position(market_data, context, indicators) return { action = "exit" } end
        """;

    public static readonly StrategyDescriptor Descriptor =
        new(Name, "Benchmark: enters and exits on alternate bars.", [], static _ => new AlternatingStrategy());

    string IStrategy.Name => Name;

    public StrategyAction DetectOpportunity(in MarketData data, StrategyContext context, IIndicatorProvider indicators) =>
        StrategyAction.Opportunity();

    public StrategyAction FilterCommitment(in MarketData data, StrategyContext context, IIndicatorProvider indicators) =>
        StrategyAction.EnterLong(quantity: 1);

    public StrategyAction ManagePosition(in MarketData data, StrategyContext context, IIndicatorProvider indicators) =>
        StrategyAction.Exit();
}
