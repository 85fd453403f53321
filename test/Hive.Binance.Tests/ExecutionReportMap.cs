using Hive.Binance.Streams;

namespace Hive.Binance.Tests;

/// <summary>JSON field name → <see cref="BinanceExecutionReport"/> value, for <see cref="FieldMap"/>.</summary>
internal static class ExecutionReportMap
{
    public static readonly Dictionary<string, Func<BinanceExecutionReport, object?>> Fields = new()
    {
        ["e"] = _ => "executionReport",
        ["E"] = r => r.EventTime,
        ["s"] = r => r.Symbol,
        ["c"] = r => r.ClientOrderId,
        ["S"] = r => r.Side,
        ["o"] = r => r.OrderType,
        ["f"] = r => r.TimeInForce,
        ["q"] = r => r.Quantity,
        ["p"] = r => r.Price,
        ["P"] = r => r.StopPrice,
        ["F"] = r => r.IcebergQuantity,
        ["g"] = r => r.OrderListId,
        ["C"] = r => r.OriginalClientOrderId,
        ["x"] = r => r.ExecutionType,
        ["X"] = r => r.OrderStatus,
        ["r"] = r => r.RejectReason,
        ["i"] = r => r.OrderId,
        ["l"] = r => r.LastExecutedQuantity,
        ["z"] = r => r.CumulativeFilledQuantity,
        ["L"] = r => r.LastExecutedPrice,
        ["n"] = r => r.Commission,
        ["N"] = r => r.CommissionAsset,
        ["T"] = r => r.TransactionTime,
        ["t"] = r => r.TradeId,
        ["I"] = r => r.ExecutionId,
        ["w"] = r => r.IsOnBook,
        ["m"] = r => r.IsMaker,
        ["M"] = r => r.Ignore,
        ["O"] = r => r.CreationTime,
        ["Z"] = r => r.CumulativeQuoteQuantity,
        ["Y"] = r => r.LastQuoteQuantity,
        ["Q"] = r => r.QuoteOrderQuantity,
        ["W"] = r => r.WorkingTime,
        ["V"] = r => r.SelfTradePreventionMode,
        ["v"] = r => r.PreventedMatchId,
        ["A"] = r => r.PreventedQuantity,
        ["B"] = r => r.LastPreventedQuantity,
        ["U"] = r => r.CounterOrderId,
        ["u"] = r => r.TradeGroupId,
        ["D"] = r => r.TrailingTime,
        ["j"] = r => r.StrategyId,
        ["J"] = r => r.StrategyType,
    };
}
