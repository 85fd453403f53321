using System.Collections.Concurrent;
using System.Globalization;
using Hive.Binance.Rest;
using Hive.Binance.Streams;
using Hive.Grains.Gateway;
using Hive.Trading.Execution;
using Hive.Trading.Market;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hive.Grains.Exchange;

/// <summary>
/// The broker that trades on Binance spot (testnet or production, or a local fake exchange), behind the gateways of
/// one process. An order is checked against the symbol's filters from <c>exchangeInfo</c> (refused before sending with
/// the filter named), against the rate-limit headers, then sent once as a MARKET order under the client order ID of
/// <see cref="ExchangeClientOrderId"/>; its fills come from the user data stream's execution reports. When the outcome
/// is unknown (-1007, a 5xx, a timeout, a dropped connection, a silent user stream) the order is queried by its client
/// order ID and its trades read from <c>myTrades</c>, never sent again; executions are merged by trade ID, so each is
/// booked once however it was learned. Protective exits (stop-loss, take-profit), which the runner decides when their
/// price is touched, go out as market orders.
/// </summary>
public sealed partial class BinanceBroker : IBroker, IAsyncDisposable
{
    private static readonly TimeSpan MaxOrderRetryAfter = TimeSpan.FromSeconds(5);

    private readonly BinanceBrokerOptions _options;
    private readonly BinanceRestClient _rest;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _startLock = new(1, 1);
    private readonly ConcurrentDictionary<string, PendingOrder> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, BinanceSymbolInfo> _symbols = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _epochs = new(StringComparer.Ordinal);
    private BinanceUserDataStream? _userStream;
    private bool _started;

    /// <summary>Creates the broker; it connects on first use or on <see cref="StartAsync"/>.</summary>
    public BinanceBroker(BinanceBrokerOptions options, TimeProvider? timeProvider = null, ILogger<BinanceBroker>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        // An order waits out a short Retry-After; a long one (a ban) refuses the order at once rather than hold the gateway.
        if (options.Client.MaxRetryAfter > MaxOrderRetryAfter)
        {
            options.Client.MaxRetryAfter = MaxOrderRetryAfter;
        }

        _rest = new BinanceRestClient(options.Client, timeProvider: _time);
    }

    /// <inheritdoc />
    public string Name => $"binance {(_options.Production ? "production" : "testnet")} at {_options.Client.RestBaseUrl}";

    /// <summary>The REST client (its rate-limit counters).</summary>
    public BinanceRestClient Rest => _rest;

    /// <summary>Whether the user data stream is connected now.</summary>
    public bool UserStreamConnected => _userStream?.IsConnected ?? false;

    /// <summary>User data stream reconnections so far.</summary>
    public long UserStreamReconnects => _userStream?.Reconnects ?? 0;

    /// <summary>
    /// Measures the server-time offset and opens the user data stream; throws <see cref="TimeoutException"/> or
    /// <see cref="HttpRequestException"/> naming the address when the exchange cannot be reached within
    /// <see cref="BinanceBrokerOptions.StartTimeout"/>.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _startLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_started)
            {
                return;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.StartTimeout);
            try
            {
                await _rest.SyncServerTimeAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Binance at {_options.Client.RestBaseUrl} did not answer within {_options.StartTimeout.TotalSeconds:0.#} s");
            }
            catch (HttpRequestException ex)
            {
                throw new HttpRequestException($"cannot reach Binance at {_options.Client.RestBaseUrl}: {ex.Message}", ex);
            }

            var stream = new BinanceUserDataStream(_rest, _options.Client, OnExecutionReportAsync, _time);
            stream.Reconnected += OnUserStreamReconnected;
            stream.Start();
            try
            {
                await stream.WaitConnectedAsync(_options.StartTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await stream.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            _userStream = stream;
            _started = true;
            _logger.LogInformation("Binance broker started: {Name}, user data stream connected", Name);
        }
        finally
        {
            _startLock.Release();
        }
    }

    /// <inheritdoc />
    public bool AcknowledgeGatewayEpoch(string account, long gatewayEpoch)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        lock (_epochs)
        {
            if (gatewayEpoch < _epochs.GetValueOrDefault(account))
            {
                return false;
            }

            _epochs[account] = gatewayEpoch;
            return true;
        }
    }

    /// <inheritdoc />
    public decimal ExpectedPrice(in OrderRequest order, in MarketData market) => ReferencePrice(order, market);

    /// <inheritdoc />
    public async ValueTask<BrokerResult> SubmitAsync(BrokerOrder order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        lock (_epochs)
        {
            var highest = _epochs.GetValueOrDefault(order.Account);
            if (order.GatewayEpoch < highest)
            {
                return BrokerResult.Refused(BrokerOrderStatus.NotAuthoritative, string.Create(CultureInfo.InvariantCulture,
                    $"NotAuthoritative: gateway epoch {order.GatewayEpoch} of account {order.Account} is older than {highest}"));
            }

            _epochs[order.Account] = order.GatewayEpoch;
        }

        await StartAsync(cancellationToken).ConfigureAwait(false);
        var request = order.Order;
        BinanceSymbolInfo info;
        try
        {
            info = await SymbolAsync(request.Symbol, cancellationToken).ConfigureAwait(false);
        }
        catch (BinanceApiException ex)
        {
            return BrokerResult.Refused(BrokerOrderStatus.Rejected, $"UnknownSymbol: {request.Symbol}: {ex.Error}");
        }

        if (!info.IsTrading)
        {
            return BrokerResult.Refused(BrokerOrderStatus.Rejected, $"SymbolNotTrading: {request.Symbol} is {info.Status}");
        }

        var quantity = info.RoundQuantity(request.Quantity);
        var price = ReferencePrice(request, order.Market);
        var filter = quantity <= 0
            ? $"LOT_SIZE: quantity {F(request.Quantity)} rounds to 0 at stepSize {F(info.LotSize?.StepSize ?? 0)}"
            : info.CheckOrder(price, quantity, isMarket: true);
        if (filter is not null)
        {
            return BrokerResult.Refused(BrokerOrderStatus.FilterRejected, $"ExchangeFilter {request.Symbol} {filter}");
        }

        if (RateLimitProblem() is { } limited)
        {
            return BrokerResult.Refused(BrokerOrderStatus.Rejected, limited);
        }

        var clientOrderId = ExchangeClientOrderId.Create(order.Deployment, request.ClientOrderId);
        var pending = _pending.GetOrAdd(clientOrderId, static _ => new PendingOrder());
        var side = request.Side == OrderSide.Buy ? BinanceOrderSide.Buy : BinanceOrderSide.Sell;
        var placed = await _rest.PlaceOrderAsync(new BinanceNewOrder(request.Symbol, side, BinanceOrderType.Market, quantity, null, clientOrderId), cancellationToken)
            .ConfigureAwait(false);
        switch (placed.Outcome)
        {
            case BinanceOrderOutcome.Rejected:
                _pending.TryRemove(clientOrderId, out _);
                var error = placed.Error!;
                return error.Kind == BinanceErrorCode.FilterFailure
                    ? BrokerResult.Refused(BrokerOrderStatus.FilterRejected, $"ExchangeFilter {request.Symbol}: Binance {error.Code} {error.Message}")
                    : BrokerResult.Refused(BrokerOrderStatus.Rejected, $"Binance {error.Code}: {error.Message}");
            case BinanceOrderOutcome.NotFound:
                _pending.TryRemove(clientOrderId, out _);
                return BrokerResult.Refused(BrokerOrderStatus.Rejected,
                    $"NotPlaced: Binance answered {placed.Error} and order {clientOrderId} does not exist (reconciled by its client order ID)");
            case BinanceOrderOutcome.Accepted:
                pending.Observe(placed.Order!);
                if (placed.Reconciled)
                {
                    _logger.LogWarning("Binance order {ClientOrderId}: the answer was unknown; reconciled by its client order ID: {Status}", clientOrderId, placed.Order!.Status);
                }

                break;
            default:
                _logger.LogWarning("Binance order {ClientOrderId}: outcome unknown ({Error}); waiting for the user data stream and querying", clientOrderId, placed.Error);
                break;
        }

        return await SettleAsync(order, clientOrderId, quantity, pending, _options.OrderOutcomeTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<BrokerResult> ReconcileAsync(BrokerOrder order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        await StartAsync(cancellationToken).ConfigureAwait(false);
        await SymbolAsync(order.Order.Symbol, cancellationToken).ConfigureAwait(false); // its assets value the commissions
        var clientOrderId = ExchangeClientOrderId.Create(order.Deployment, order.Order.ClientOrderId);
        var pending = _pending.GetOrAdd(clientOrderId, static _ => new PendingOrder());
        var queried = await _rest.QueryOrderAsync(order.Order.Symbol, null, clientOrderId, cancellationToken).ConfigureAwait(false);
        if (queried.Outcome == BinanceOrderOutcome.NotFound)
        {
            _pending.TryRemove(clientOrderId, out _);
            return BrokerResult.Refused(BrokerOrderStatus.Rejected, $"NotPlaced: order {clientOrderId} does not exist on Binance (reconciled by its client order ID)");
        }

        if (queried.Order is { } found)
        {
            pending.Observe(found);
            if (IsTerminal(found.Status))
            {
                await ReadTradesAsync(order.Order.Symbol, found.OrderId, pending, cancellationToken).ConfigureAwait(false);
            }
        }

        return pending.IsSettled
            ? Settle(order, clientOrderId, order.Order.Quantity, pending)
            : BrokerResult.Refused(BrokerOrderStatus.Unresolved, $"OutcomeUnknown: order {clientOrderId} is {queried.Order?.Status.ToString() ?? queried.Error?.ToString()}");
    }

    /// <inheritdoc />
    public async Task<string?> CheckPositionsAsync(string account, IReadOnlyDictionary<string, decimal> netQuantityBySymbol, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(netQuantityBySymbol);
        var expected = new Dictionary<string, (decimal Quantity, List<string> Symbols)>(StringComparer.Ordinal);
        foreach (var (symbol, quantity) in netQuantityBySymbol)
        {
            if (quantity == 0)
            {
                continue;
            }

            var info = await SymbolAsync(symbol, cancellationToken).ConfigureAwait(false);
            var entry = expected.GetValueOrDefault(info.BaseAsset, (0m, []));
            entry.Symbols.Add(string.Create(CultureInfo.InvariantCulture, $"{symbol} {quantity}"));
            expected[info.BaseAsset] = (entry.Quantity + quantity, entry.Symbols);
        }

        if (expected.Count == 0)
        {
            return null;
        }

        await StartAsync(cancellationToken).ConfigureAwait(false);
        var balances = (await _rest.GetAccountAsync(cancellationToken).ConfigureAwait(false)).Balances
            .ToDictionary(b => b.Asset, b => b.Free + b.Locked, StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (asset, (quantity, symbols)) in expected.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var held = balances.GetValueOrDefault(asset);
            if (quantity < 0)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"the ledger gives the runners a short {asset} position of {quantity} ({string.Join(", ", symbols)}), which a spot account cannot hold"));
            }
            else if (held < quantity * (1 - _options.BaseCommissionTolerance))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"the runners hold {quantity} {asset} by the ledger ({string.Join(", ", symbols)}) but the exchange balance is {held} {asset}"));
            }
        }

        return problems.Count == 0
            ? null
            : $"Position mismatch on account {account} at {_options.Client.RestBaseUrl}: {string.Join("; ", problems)}";
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_userStream is { } stream)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }

        _rest.Dispose();
        _startLock.Dispose();
    }

    private static decimal ReferencePrice(in OrderRequest order, in MarketData market)
    {
        var touch = order.Side == OrderSide.Buy ? market.Ask : market.Bid;
        if (double.IsFinite(touch) && touch > 0)
        {
            return PaperFillModel.ToDecimal(touch);
        }

        if (double.IsFinite(market.Close) && market.Close > 0)
        {
            return PaperFillModel.ToDecimal(market.Close);
        }

        return order.Price ?? 0m;
    }

    private string? RateLimitProblem()
    {
        var blocked = _rest.BlockedUntil;
        if (blocked > _time.GetUtcNow())
        {
            return $"RateLimited: Binance refused requests (429/418) and asked to wait until {blocked:HH:mm:ss} UTC (Retry-After); the order is not sent";
        }

        var weight = _rest.UsedWeight;
        if (weight >= _options.MaxUsedWeightPerMinute)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"RateLimited: request weight {weight} of {_options.MaxUsedWeightPerMinute} used this minute (X-MBX-USED-WEIGHT-1M); the order is not sent");
        }

        var orders = _rest.OrderCount;
        if (orders >= _options.MaxOrdersPer10Seconds)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"RateLimited: {orders} orders of {_options.MaxOrdersPer10Seconds} in the last 10 s (X-MBX-ORDER-COUNT-10S); the order is not sent");
        }

        return null;
    }

    private async Task<BinanceSymbolInfo> SymbolAsync(string symbol, CancellationToken cancellationToken)
    {
        if (_symbols.TryGetValue(symbol, out var known))
        {
            return known;
        }

        var info = await _rest.GetExchangeInfoAsync([symbol], cancellationToken).ConfigureAwait(false);
        var found = info.Symbols.FirstOrDefault(s => string.Equals(s.Symbol, symbol, StringComparison.OrdinalIgnoreCase))
            ?? throw new BinanceApiException(new BinanceApiError((int)BinanceErrorCode.InvalidSymbol, $"{symbol} is not in exchangeInfo", 400), "/api/v3/exchangeInfo");
        return _symbols.GetOrAdd(symbol, found);
    }

    // Decimals as people write them: no trailing zeros of the exchange's eight-decimal scale.
    private static string F(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    private static bool IsTerminal(BinanceOrderStatus status) => status is BinanceOrderStatus.Filled or BinanceOrderStatus.Canceled
        or BinanceOrderStatus.Expired or BinanceOrderStatus.ExpiredInMatch or BinanceOrderStatus.Rejected;
}
