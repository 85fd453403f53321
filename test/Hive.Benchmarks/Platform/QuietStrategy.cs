using Hive.Trading.Market;
using Hive.Trading.Strategies;

namespace Hive.Benchmarks.Platform;

/// <summary>Reads one indicator and never acts: the common tick of a real strategy, which trades on few bars.</summary>
internal sealed class QuietStrategy : IStrategy
{
    public const string Name = "bench-quiet";

    public static readonly StrategyDescriptor Descriptor =
        new(Name, "Benchmark: reads an EMA and never acts.", [], static _ => new QuietStrategy());

    string IStrategy.Name => Name;

    public StrategyAction DetectOpportunity(in MarketData data, StrategyContext context, IIndicatorProvider indicators) =>
        indicators.Ema(20) is { } ema && ema < 0 ? StrategyAction.Opportunity() : StrategyAction.None;

    public StrategyAction FilterCommitment(in MarketData data, StrategyContext context, IIndicatorProvider indicators) => StrategyAction.None;

    public StrategyAction ManagePosition(in MarketData data, StrategyContext context, IIndicatorProvider indicators) => StrategyAction.None;
}
