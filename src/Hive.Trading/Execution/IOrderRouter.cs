using Hive.Trading.Market;

namespace Hive.Trading.Execution;

/// <summary>
/// Where a runner's orders go once pre-trade risk accepted them: the <see cref="PaperOrderRouter"/> fills them
/// locally (backtests, paper trading); the platform routes them to its gateway, answering
/// <see cref="OrderStatus.Pending"/> and delivering the fill later.
/// </summary>
public interface IOrderRouter
{
    /// <summary>Sends <paramref name="order"/>; <paramref name="market"/> is the market as the runner last saw it.</summary>
    OrderOutcome Submit(in OrderRequest order, in MarketData market);
}
