using Hive.Trading.Execution;
using Hive.Trading.Market;

namespace Hive.Grains.Runners;

/// <summary>
/// The router a runner grain gives its <see cref="Hive.Trading.Runners.RunnerCore"/>: it answers
/// <see cref="OrderStatus.Pending"/> and keeps the order, which the grain sends to its gateway once the core's
/// synchronous update returned (the core is not async; the gateway is a grain call).
/// </summary>
internal sealed class QueuedOrderRouter : IOrderRouter
{
    private readonly List<(OrderRequest Order, MarketData Market)> _queue = new(2);

    public int Count => _queue.Count;

    public OrderOutcome Submit(in OrderRequest order, in MarketData market)
    {
        _queue.Add((order, market));
        return OrderOutcome.Pending();
    }

    public (OrderRequest Order, MarketData Market) Dequeue()
    {
        var item = _queue[0];
        _queue.RemoveAt(0);
        return item;
    }

    public void Clear() => _queue.Clear();
}
