using System.Globalization;
using Hive.Binance.Rest;
using Hive.Binance.Streams;
using Hive.Grains.Gateway;
using Hive.Trading.Execution;
using Microsoft.Extensions.Logging;

namespace Hive.Grains.Exchange;

/// <summary>How an order's executions are learned: execution reports first, queries when the stream is silent.</summary>
public sealed partial class BinanceBroker
{
    private async Task<BrokerResult> SettleAsync(
        BrokerOrder order, string clientOrderId, decimal quantity, PendingOrder pending, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var symbol = order.Order.Symbol;
        var started = _time.GetTimestamp();
        while (!pending.IsSettled)
        {
            var remaining = timeout - _time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                return BrokerResult.Refused(BrokerOrderStatus.Unresolved, string.Create(CultureInfo.InvariantCulture,
                    $"OutcomeUnknown: order {clientOrderId} did not settle within {timeout.TotalSeconds:0.#} s (last known {pending.Describe()})"));
            }

            var signaled = await pending.WaitAsync(remaining < _options.QueryInterval ? remaining : _options.QueryInterval, cancellationToken).ConfigureAwait(false);
            if (pending.IsSettled || (signaled && !pending.TakeQueryRequest()))
            {
                continue;
            }

            // The stream was silent for a query interval, or it reconnected and may have lost reports: ask the exchange.
            BinanceOrderResult queried;
            try
            {
                queried = await _rest.QueryOrderAsync(symbol, null, clientOrderId, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is TimeoutException or HttpRequestException)
            {
                _logger.LogWarning("Binance order {ClientOrderId}: query failed ({Error}); trying again", clientOrderId, ex.Message);
                continue;
            }

            if (queried.Outcome == BinanceOrderOutcome.NotFound && !pending.Seen)
            {
                _pending.TryRemove(clientOrderId, out _);
                return BrokerResult.Refused(BrokerOrderStatus.Rejected,
                    $"NotPlaced: order {clientOrderId} does not exist on Binance (reconciled by its client order ID)");
            }

            if (queried.Order is { } found)
            {
                pending.Observe(found);
                if (IsTerminal(found.Status) && !pending.IsSettled)
                {
                    await ReadTradesAsync(symbol, found.OrderId, pending, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return Settle(order, clientOrderId, quantity, pending);
    }

    private BrokerResult Settle(BrokerOrder order, string clientOrderId, decimal quantity, PendingOrder pending)
    {
        _pending.TryRemove(clientOrderId, out _);
        var request = order.Order;
        var executions = pending.Executions();
        var status = pending.Terminal!.Value;
        if (executions.Count == 0)
        {
            return BrokerResult.Refused(BrokerOrderStatus.Rejected, $"Binance {status}: order {clientOrderId} filled nothing");
        }

        var info = _symbols.GetValueOrDefault(request.Symbol);
        var fills = new List<BrokerFill>(executions.Count);
        decimal filled = 0;
        foreach (var e in executions)
        {
            var fee = e.CommissionAsset is null || e.Commission == 0 ? 0m
                : string.Equals(e.CommissionAsset, info?.QuoteAsset, StringComparison.Ordinal) ? e.Commission
                : string.Equals(e.CommissionAsset, info?.BaseAsset, StringComparison.Ordinal) ? e.Commission * e.Price
                : 0m; // a third asset (BNB): the fee stays in the ledger's commission text, in that asset
            filled += e.Quantity;
            fills.Add(new BrokerFill(
                new Fill(request.ClientOrderId, request.RunnerId, request.Symbol, request.Side, e.Quantity, e.Price, fee, e.Time),
                string.Create(CultureInfo.InvariantCulture, $"{pending.OrderId}/{clientOrderId}"),
                e.TradeId,
                string.Create(CultureInfo.InvariantCulture, $"{e.Commission} {e.CommissionAsset}")));
        }

        var reason = filled < quantity
            ? $"PartiallyFilled: {F(filled)} of {F(quantity)} ({status})"
            : quantity < request.Quantity
                ? $"QuantityRounded: {F(request.Quantity)} sent as {F(quantity)} (LOT_SIZE stepSize)"
                : null;
        return new BrokerResult(BrokerOrderStatus.Filled, fills, reason);
    }

    private async Task ReadTradesAsync(string symbol, long orderId, PendingOrder pending, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var trade in await _rest.GetOrderTradesAsync(symbol, orderId, cancellationToken).ConfigureAwait(false))
            {
                pending.Add(new Execution(trade.Id, trade.Quantity, trade.Price, trade.Commission, trade.CommissionAsset, trade.Time));
            }
        }
        catch (Exception ex) when (ex is TimeoutException or HttpRequestException or BinanceApiException)
        {
            _logger.LogWarning("Binance order {OrderId}: reading its trades failed ({Error}); trying again", orderId, ex.Message);
        }
    }

    private ValueTask OnExecutionReportAsync(BinanceExecutionReport report)
    {
        if (_pending.TryGetValue(report.ClientOrderId, out var pending))
        {
            pending.Apply(report);
        }
        else
        {
            _logger.LogDebug("Binance execution report for order {ClientOrderId} that no one waits for: {Execution} {Status}", report.ClientOrderId, report.ExecutionType, report.OrderStatus);
        }

        return ValueTask.CompletedTask;
    }

    // Reports sent while the stream was away are lost: every order still waiting queries the exchange now.
    private void OnUserStreamReconnected(string reason)
    {
        _logger.LogWarning("Binance user data stream reconnected after {Reason}; {Count} working orders are queried", reason, _pending.Count);
        foreach (var pending in _pending.Values)
        {
            pending.RequestQuery();
        }
    }

    private readonly record struct Execution(long TradeId, decimal Quantity, decimal Price, decimal Commission, string? CommissionAsset, long Time);

    private sealed class PendingOrder
    {
        private readonly Lock _lock = new();
        private readonly SortedDictionary<long, Execution> _executions = [];
        private readonly SemaphoreSlim _signal = new(0);
        private decimal _executedQuantity;
        private int _queryRequested;

        public long OrderId { get; private set; }

        public BinanceOrderStatus? Terminal { get; private set; }

        /// <summary>Whether the exchange has shown the order (by a report or a query).</summary>
        public bool Seen => OrderId != 0;

        /// <summary>The order ended and every execution the exchange counts is known.</summary>
        public bool IsSettled
        {
            get
            {
                lock (_lock)
                {
                    return Terminal is not null && _executions.Values.Sum(e => e.Quantity) >= _executedQuantity;
                }
            }
        }

        public void Observe(BinanceOrder order)
        {
            lock (_lock)
            {
                OrderId = order.OrderId;
                _executedQuantity = Math.Max(_executedQuantity, order.ExecutedQuantity);
                if (IsTerminal(order.Status))
                {
                    Terminal = order.Status;
                }
            }

            _signal.Release();
        }

        public void Apply(BinanceExecutionReport report)
        {
            lock (_lock)
            {
                OrderId = report.OrderId;
                _executedQuantity = Math.Max(_executedQuantity, report.CumulativeFilledQuantity);
                if (report.IsFill)
                {
                    _executions.TryAdd(report.TradeId, new Execution(
                        report.TradeId, report.LastExecutedQuantity, report.LastExecutedPrice, report.Commission, report.CommissionAsset, report.TransactionTime));
                }

                if (IsTerminal(report.Status))
                {
                    Terminal = report.Status;
                }
            }

            _signal.Release();
        }

        public void Add(Execution execution)
        {
            lock (_lock)
            {
                _executions.TryAdd(execution.TradeId, execution);
            }

            _signal.Release();
        }

        public List<Execution> Executions()
        {
            lock (_lock)
            {
                return [.. _executions.Values];
            }
        }

        public string Describe()
        {
            lock (_lock)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"{(OrderId == 0 ? "not seen" : "order " + OrderId)}, {Terminal?.ToString() ?? "working"}, {_executions.Count} execution(s)");
            }
        }

        public void RequestQuery()
        {
            Volatile.Write(ref _queryRequested, 1);
            _signal.Release();
        }

        public bool TakeQueryRequest() => Interlocked.Exchange(ref _queryRequested, 0) == 1;

        public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
    }
}
