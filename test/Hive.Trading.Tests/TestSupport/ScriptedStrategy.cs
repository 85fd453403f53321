using Hive.Trading.Market;
using Hive.Trading.Strategies;

namespace Hive.Trading.Tests.TestSupport;

/// <summary>A strategy whose answers tests choose per step; records the calls it received.</summary>
internal sealed class ScriptedStrategy(string name = "scripted") : IStrategy
{
    public string Name => name;

    public Func<MarketData, StrategyContext, StrategyAction> Detect { get; set; } = static (_, _) => StrategyAction.None;

    public Func<MarketData, StrategyContext, StrategyAction> Filter { get; set; } = static (_, _) => StrategyAction.None;

    public Func<MarketData, StrategyContext, StrategyAction> Manage { get; set; } = static (_, _) => StrategyAction.None;

    public List<string> Calls { get; } = [];

    public StrategyAction DetectOpportunity(in MarketData data, StrategyContext context, IIndicatorProvider indicators)
    {
        Calls.Add("detect");
        return Detect(data, context);
    }

    public StrategyAction FilterCommitment(in MarketData data, StrategyContext context, IIndicatorProvider indicators)
    {
        Calls.Add("filter");
        return Filter(data, context);
    }

    public StrategyAction ManagePosition(in MarketData data, StrategyContext context, IIndicatorProvider indicators)
    {
        Calls.Add("manage");
        return Manage(data, context);
    }

    /// <summary>Opportunity on the first detect, enter long on the next filter with the given protections.</summary>
    public static ScriptedStrategy EnterLongOnce(double quantity, double? stopLoss = null, double? takeProfit = null)
    {
        var entered = false;
        return new ScriptedStrategy
        {
            Detect = (_, _) => entered ? StrategyAction.None : StrategyAction.Opportunity("go"),
            Filter = (_, _) =>
            {
                entered = true;
                return StrategyAction.EnterLong(quantity: quantity, stopLoss: stopLoss, takeProfit: takeProfit);
            },
        };
    }

    /// <summary>Opportunity on the first detect, enter short on the next filter with the given protections.</summary>
    public static ScriptedStrategy EnterShortOnce(double quantity, double? stopLoss = null, double? takeProfit = null)
    {
        var entered = false;
        return new ScriptedStrategy
        {
            Detect = (_, _) => entered ? StrategyAction.None : StrategyAction.Opportunity("go"),
            Filter = (_, _) =>
            {
                entered = true;
                return StrategyAction.EnterShort(quantity: quantity, stopLoss: stopLoss, takeProfit: takeProfit);
            },
        };
    }
}
