using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Hive.Binance.Testing;

/// <summary>
/// The trading side of the fake exchange: market orders fill at the symbol's price (<see cref="SetPrice"/>) with a
/// commission in the received asset, in one or several trades or partly (then <c>EXPIRED</c>); the filters of exchange
/// info are checked (<c>-1013 Filter failure: LOT_SIZE</c>); balances move with the fills; every change of an order
/// is pushed as an <c>executionReport</c> on the user data streams (<c>/ws/&lt;listenKey&gt;</c>); the account's trades
/// are served by <c>/api/v3/myTrades</c>. Scripted faults: the user stream lost during the next order, the market
/// streams dropped during the next order.
/// </summary>
public sealed partial class FakeBinanceServer
{
    /// <summary>Minimum price and tick size of every symbol's <c>PRICE_FILTER</c>.</summary>
    public const decimal TickSize = 0.01m;

    /// <summary>Minimum quantity and step size of every symbol's <c>LOT_SIZE</c>.</summary>
    public const decimal StepSize = 0.00001m;

    /// <summary>Maximum quantity of every symbol's <c>LOT_SIZE</c>.</summary>
    public const decimal MaxQuantity = 9000m;

    /// <summary>Minimum notional of every symbol's <c>NOTIONAL</c> filter (applied to market orders too).</summary>
    public const decimal MinNotional = 5m;

    private const string UserDataStreamPath = "/api/v3/userDataStream";

    private readonly Dictionary<string, decimal> _prices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> _balances = new(StringComparer.Ordinal) { ["USDT"] = 1_000_000m };
    private readonly List<FakeTrade> _trades = [];
    private readonly HashSet<string> _listenKeys = new(StringComparer.Ordinal);
    private readonly List<string> _executionReports = [];
    private int _nextOrderParts = 1;
    private decimal _nextOrderFillFraction = 1m;
    private bool _loseUserEventsOfNextOrder;
    private bool _dropMarketStreamsOnNextOrder;
    private long _nextTradeId = 5000;
    private int _orderCount10s;
    private int _listenKeyKeepAlives;

    /// <summary>Commission per fill as a fraction of its value, charged in the asset received (default 0.001, Binance's spot taker fee).</summary>
    public decimal CommissionRate { get; set; } = 0.001m;

    /// <summary>Whether an order needing more than the account's free balance is refused with <c>-2010</c> (default false).</summary>
    public bool EnforceBalances { get; set; }

    /// <summary>Listen keys handed out and still open.</summary>
    public IReadOnlyCollection<string> ListenKeys
    {
        get
        {
            lock (_gate)
            {
                return [.. _listenKeys];
            }
        }
    }

    /// <summary>Listen-key keep-alives (<c>PUT /api/v3/userDataStream</c>) received.</summary>
    public int ListenKeyKeepAlives => Volatile.Read(ref _listenKeyKeepAlives);

    /// <summary>Open user data stream connections.</summary>
    public int UserStreamConnections => _connections.Values.Count(c => IsUserStream(c));

    /// <summary>Every execution report the server produced (sent, or lost with the user stream), in order.</summary>
    public IReadOnlyList<string> ExecutionReports
    {
        get
        {
            lock (_gate)
            {
                return [.. _executionReports];
            }
        }
    }

    /// <summary>Every trade (fill) of the account, in order.</summary>
    public IReadOnlyList<FakeTrade> Trades
    {
        get
        {
            lock (_gate)
            {
                return [.. _trades];
            }
        }
    }

    /// <summary>The price market orders of <paramref name="symbol"/> fill at (default 100).</summary>
    public void SetPrice(string symbol, decimal price)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(price);
        lock (_gate)
        {
            _prices[symbol.ToUpperInvariant()] = price;
        }
    }

    /// <summary>Sets the free balance of <paramref name="asset"/> (USDT starts at 1,000,000, others at 0).</summary>
    public void SetBalance(string asset, decimal free)
    {
        lock (_gate)
        {
            _balances[asset.ToUpperInvariant()] = free;
        }
    }

    /// <summary>The free balance of <paramref name="asset"/>.</summary>
    public decimal BalanceOf(string asset)
    {
        lock (_gate)
        {
            return _balances.GetValueOrDefault(asset.ToUpperInvariant());
        }
    }

    /// <summary>
    /// The next market order fills <paramref name="fraction"/> of its quantity (rounded down to the step size) in
    /// <paramref name="parts"/> trades; with a fraction below 1 the rest expires (<c>EXPIRED</c>, as a market order
    /// that ran out of liquidity).
    /// </summary>
    public void FillNextOrderInParts(int parts, decimal fraction = 1m)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parts);
        if (fraction is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "must be in (0, 1]");
        }

        lock (_gate)
        {
            _nextOrderParts = parts;
            _nextOrderFillFraction = fraction;
        }
    }

    /// <summary>
    /// The user data streams are dropped while the next order executes: its execution reports are lost (the client
    /// has to query the order to learn its fills).
    /// </summary>
    public void LoseUserEventsOfNextOrder()
    {
        lock (_gate)
        {
            _loseUserEventsOfNextOrder = true;
        }
    }

    /// <summary>The market data streams are dropped while the next order executes (the user data streams stay).</summary>
    public void DropMarketStreamsOnNextOrder()
    {
        lock (_gate)
        {
            _dropMarketStreamsOnNextOrder = true;
        }
    }

    /// <summary>Sets the request weight reported by the next response's <c>X-MBX-USED-WEIGHT-1M</c> (minus one).</summary>
    public void SetUsedWeight(int weight) => Volatile.Write(ref _weight, weight);

    /// <summary>Sets the order count reported by the next order response's <c>X-MBX-ORDER-COUNT-10S</c> (minus one).</summary>
    public void SetOrderCount(int count) => Volatile.Write(ref _orderCount10s, count);

    /// <summary>Drops the user data stream connections, as a network failure would.</summary>
    public void DropUserStreams()
    {
        foreach (var connection in _connections.Values.Where(IsUserStream))
        {
            connection.Abort();
        }
    }

    /// <summary>Drops the market data stream connections (not the user data streams), as a network failure would.</summary>
    public void DropMarketStreams()
    {
        foreach (var connection in _connections.Values.Where(c => !IsUserStream(c)))
        {
            connection.Abort();
        }
    }

    /// <summary>
    /// Expires every listen key as Binance does after 60 minutes without a keep-alive: sends <c>listenKeyExpired</c>
    /// on its user data streams and forgets it. Returns how many keys expired.
    /// </summary>
    public async Task<int> ExpireListenKeysAsync()
    {
        List<string> keys;
        lock (_gate)
        {
            keys = [.. _listenKeys];
        }

        foreach (var key in keys)
        {
            await PublishAsync(key, string.Create(CultureInfo.InvariantCulture, $"{{\"e\":\"listenKeyExpired\",\"E\":{Now()},\"listenKey\":\"{key}\"}}")).ConfigureAwait(false);
            lock (_gate)
            {
                _listenKeys.Remove(key);
            }
        }

        return keys.Count;
    }

    /// <summary>Waits until at least <paramref name="count"/> user data stream connections are open.</summary>
    public Task WaitForUserStreamAsync(int count = 1, TimeSpan? timeout = null) =>
        WaitUntilAsync(() => UserStreamConnections >= count, $"{count} user data stream connection(s)", timeout);

    private bool IsUserStream(StreamConnection connection)
    {
        lock (_gate)
        {
            return !connection.Combined && connection.StreamsSnapshot() is [var only] && _listenKeys.Contains(only);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > limit)
            {
                throw new TimeoutException($"no {what} within the deadline");
            }

            await Task.Delay(5).ConfigureAwait(false);
        }
    }

    private async Task ListenKeyAsync(HttpContext context)
    {
        if (context.Request.Headers["X-MBX-APIKEY"] != _options.ApiKey)
        {
            await Error(context, 401, -2015, "Invalid API-key, IP, or permissions for action.").ConfigureAwait(false);
            return;
        }

        var method = context.Request.Method;
        if (method == "POST")
        {
            var key = Convert.ToHexString(Guid.NewGuid().ToByteArray()) + Convert.ToHexString(Guid.NewGuid().ToByteArray());
            lock (_gate)
            {
                _listenKeys.Add(key);
            }

            await Json(context, 200, $"{{\"listenKey\":\"{key}\"}}").ConfigureAwait(false);
            return;
        }

        string? listenKey = context.Request.Query["listenKey"];
        bool known;
        lock (_gate)
        {
            known = listenKey is not null && (method == "PUT" ? _listenKeys.Contains(listenKey) : _listenKeys.Remove(listenKey));
        }

        if (!known)
        {
            await Error(context, 400, -1125, "This listenKey does not exist.").ConfigureAwait(false);
            return;
        }

        if (method == "PUT")
        {
            Interlocked.Increment(ref _listenKeyKeepAlives);
        }

        await Json(context, 200, "{}").ConfigureAwait(false);
    }

    private string? FilterFailure(string symbol, string type, decimal quantity, decimal limitPrice)
    {
        decimal price;
        lock (_gate)
        {
            price = type == "LIMIT" ? limitPrice : _prices.GetValueOrDefault(symbol, 100m);
        }

        if (type == "LIMIT" && (limitPrice < TickSize || limitPrice % TickSize != 0))
        {
            return "PRICE_FILTER";
        }

        if (quantity < StepSize || quantity > MaxQuantity || (quantity - StepSize) % StepSize != 0)
        {
            return "LOT_SIZE";
        }

        return price * quantity < MinNotional ? "NOTIONAL" : null;
    }

    // Called under _gate.
    private string? InsufficientBalance(string symbol, string side, string type, decimal quantity)
    {
        if (!EnforceBalances || type != "MARKET")
        {
            return null;
        }

        var (baseAsset, quoteAsset) = Assets(symbol);
        var price = _prices.GetValueOrDefault(symbol, 100m);
        var (asset, needed) = side == "BUY" ? (quoteAsset, quantity * price) : (baseAsset, quantity);
        return _balances.GetValueOrDefault(asset) < needed ? "Account has insufficient balance for requested action." : null;
    }

    // Called under _gate: creates the order, fills a market order, moves balances and records the execution reports.
    private FakeExecution Execute(string symbol, string clientId, string side, string type, decimal price, decimal quantity, string? timeInForce)
    {
        var now = Now();
        var order = new FakeOrder(symbol, Interlocked.Increment(ref _nextOrderId), clientId, side, type, "NEW", price, quantity, 0, 0, timeInForce, now);
        var reports = new List<string> { Report(order, "NEW", null) };
        var trades = new List<FakeTrade>();
        if (type == "MARKET")
        {
            var fillPrice = _prices.GetValueOrDefault(symbol, 100m);
            var filled = Math.Floor(quantity * _nextOrderFillFraction / StepSize) * StepSize;
            var parts = _nextOrderParts;
            _nextOrderParts = 1;
            _nextOrderFillFraction = 1m;
            var (baseAsset, quoteAsset) = Assets(symbol);
            var each = Math.Floor(filled / parts / StepSize) * StepSize;
            for (var i = 0; i < parts; i++)
            {
                var qty = i == parts - 1 ? filled - (each * (parts - 1)) : each;
                if (qty <= 0)
                {
                    continue;
                }

                var quote = qty * fillPrice;
                var buy = side == "BUY";
                var commission = buy ? qty * CommissionRate : quote * CommissionRate;
                var trade = new FakeTrade(symbol, ++_nextTradeId, order.OrderId, fillPrice, qty, quote, commission, buy ? baseAsset : quoteAsset, now, buy);
                trades.Add(trade);
                _trades.Add(trade);
                _balances[baseAsset] = _balances.GetValueOrDefault(baseAsset) + (buy ? qty - commission : -qty);
                _balances[quoteAsset] = _balances.GetValueOrDefault(quoteAsset) + (buy ? -quote : quote - commission);
                var executed = order.Executed + qty;
                order = order with
                {
                    Executed = executed,
                    QuoteExecuted = order.QuoteExecuted + quote,
                    Status = executed == quantity ? "FILLED" : "PARTIALLY_FILLED",
                };
                reports.Add(Report(order, "TRADE", trade));
            }

            if (order.Executed < quantity)
            {
                order = order with { Status = "EXPIRED" };
                reports.Add(Report(order, "EXPIRED", null));
            }
        }

        _orders[clientId] = order;
        _executionReports.AddRange(reports);
        var execution = new FakeExecution(order, trades, reports, _loseUserEventsOfNextOrder, _dropMarketStreamsOnNextOrder);
        _loseUserEventsOfNextOrder = false;
        _dropMarketStreamsOnNextOrder = false;
        return execution;
    }

    private async Task ReportAsync(FakeExecution execution)
    {
        if (execution.DropMarketStreams)
        {
            DropMarketStreams();
        }

        if (execution.LoseUserEvents)
        {
            // The reports go out while the user streams are down: nobody receives them.
            DropUserStreams();
            return;
        }

        List<string> keys;
        lock (_gate)
        {
            keys = [.. _listenKeys];
        }

        foreach (var report in execution.Reports)
        {
            foreach (var key in keys)
            {
                await PublishAsync(key, report).ConfigureAwait(false);
            }
        }
    }

    private string Report(FakeOrder order, string executionType, FakeTrade? trade) => string.Create(CultureInfo.InvariantCulture,
        $"{{\"e\":\"executionReport\",\"E\":{Now()},\"s\":\"{order.Symbol}\",\"c\":\"{order.ClientOrderId}\",\"S\":\"{order.Side}\",\"o\":\"{order.Type}\",\"f\":\"{order.TimeInForce ?? "GTC"}\",\"q\":\"{order.Quantity:F8}\",\"p\":\"{order.Price:F8}\",\"P\":\"0.00000000\",\"F\":\"0.00000000\",\"g\":-1,\"C\":\"\",\"x\":\"{executionType}\",\"X\":\"{order.Status}\",\"r\":\"NONE\",\"i\":{order.OrderId},\"l\":\"{trade?.Quantity ?? 0:F8}\",\"z\":\"{order.Executed:F8}\",\"L\":\"{trade?.Price ?? 0:F8}\",\"n\":\"{trade?.Commission ?? 0:F8}\",\"N\":{(trade is null ? "null" : "\"" + trade.CommissionAsset + "\"")},\"T\":{trade?.Time ?? order.Time},\"t\":{trade?.Id ?? -1},\"I\":{Interlocked.Increment(ref _nextOrderId)},\"w\":{(order.Status == "NEW" && order.Type == "LIMIT" ? "true" : "false")},\"m\":false,\"M\":false,\"O\":{order.Time},\"Z\":\"{order.QuoteExecuted:F8}\",\"Y\":\"{trade?.QuoteQuantity ?? 0:F8}\",\"Q\":\"0.00000000\",\"W\":{order.Time},\"V\":\"NONE\"}}");

    private string AccountJson()
    {
        var balances = new StringBuilder();
        lock (_gate)
        {
            foreach (var (asset, free) in _balances.OrderBy(b => b.Key, StringComparer.Ordinal))
            {
                balances.Append(balances.Length == 0 ? string.Empty : ",")
                    .Append(CultureInfo.InvariantCulture, $"{{\"asset\":\"{asset}\",\"free\":\"{free:F8}\",\"locked\":\"0.00000000\"}}");
            }
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"{{\"makerCommission\":10,\"takerCommission\":10,\"buyerCommission\":0,\"sellerCommission\":0,\"canTrade\":true,\"canWithdraw\":true,\"canDeposit\":true,\"brokered\":false,\"requireSelfTradePrevention\":false,\"preventSor\":false,\"updateTime\":{Now()},\"accountType\":\"SPOT\",\"balances\":[{balances}],\"permissions\":[\"SPOT\"],\"uid\":1}}");
    }

    private string MyTradesJson(string symbol, long? orderId)
    {
        List<FakeTrade> trades;
        lock (_gate)
        {
            trades = [.. _trades.Where(t => t.Symbol == symbol && (orderId is null || t.OrderId == orderId))];
        }

        return "[" + string.Join(',', trades.Select(t => t.ToJson())) + "]";
    }

    private void SetOrderCountHeaders(HttpContext context)
    {
        var count = Interlocked.Increment(ref _orderCount10s);
        context.Response.Headers["X-MBX-ORDER-COUNT-10S"] = count.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["X-MBX-ORDER-COUNT-1D"] = count.ToString(CultureInfo.InvariantCulture);
    }

    private static (string Base, string Quote) Assets(string symbol) => (symbol[..^4], symbol[^4..]);

    private sealed record FakeExecution(FakeOrder Order, IReadOnlyList<FakeTrade> Trades, IReadOnlyList<string> Reports, bool LoseUserEvents, bool DropMarketStreams);
}
