using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Hive.Binance.Rest;

/// <summary>The signed spot order API.</summary>
public sealed partial class BinanceRestClient
{
    /// <summary>
    /// Places a MARKET or LIMIT order. If the outcome is unknown (-1007, a 5xx, a timeout or a broken connection) the
    /// order is never resent: it is reconciled by querying its client order id, and the result says what the exchange
    /// holds (<see cref="BinanceOrderResult.Reconciled"/> is then true).
    /// </summary>
    public async Task<BinanceOrderResult> PlaceOrderAsync(BinanceNewOrder order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentException.ThrowIfNullOrEmpty(order.Symbol);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(order.Quantity);
        if (order.Type == BinanceOrderType.Limit && order.Price is not > 0)
        {
            throw new ArgumentException("a LIMIT order needs a positive price", nameof(order));
        }

        if (order.Type == BinanceOrderType.Other)
        {
            throw new ArgumentException("only MARKET and LIMIT orders can be placed", nameof(order));
        }

        var clientOrderId = order.ClientOrderId ?? NewClientOrderId();
        var query = new StringBuilder();
        query.Append("symbol=").Append(Uri.EscapeDataString(order.Symbol.ToUpperInvariant()));
        query.Append("&side=").Append(order.Side == BinanceOrderSide.Buy ? "BUY" : "SELL");
        query.Append("&type=").Append(order.Type == BinanceOrderType.Limit ? "LIMIT" : "MARKET");
        if (order.Type == BinanceOrderType.Limit)
        {
            query.Append("&timeInForce=").Append(order.TimeInForce ?? "GTC");
        }

        query.Append("&quantity=").Append(order.Quantity.ToString(CultureInfo.InvariantCulture));
        if (order.Type == BinanceOrderType.Limit)
        {
            query.Append("&price=").Append(order.Price!.Value.ToString(CultureInfo.InvariantCulture));
        }

        query.Append("&newClientOrderId=").Append(Uri.EscapeDataString(clientOrderId));
        query.Append("&newOrderRespType=RESULT");

        RestResponse response;
        try
        {
            response = await SendAsync(HttpMethod.Post, "/api/v3/order", query.ToString(), signed: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or HttpRequestException)
        {
            return await ReconcileAsync(order.Symbol, clientOrderId, new BinanceApiError(0, ex.Message, 0), cancellationToken).ConfigureAwait(false);
        }

        if (response.Error is { } error)
        {
            return error.IsUnknownStatus
                ? await ReconcileAsync(order.Symbol, clientOrderId, error, cancellationToken).ConfigureAwait(false)
                : new BinanceOrderResult(BinanceOrderOutcome.Rejected, null, error);
        }

        return new BinanceOrderResult(BinanceOrderOutcome.Accepted, ParseOrder(response.Body), null);
    }

    /// <summary>Queries an order by exchange id or by client order id (<c>origClientOrderId</c>).</summary>
    public Task<BinanceOrderResult> QueryOrderAsync(string symbol, long? orderId = null, string? clientOrderId = null, CancellationToken cancellationToken = default) =>
        OrderRequestAsync(HttpMethod.Get, symbol, orderId, clientOrderId, cancellationToken);

    /// <summary>Cancels an order by exchange id or by client order id.</summary>
    public Task<BinanceOrderResult> CancelOrderAsync(string symbol, long? orderId = null, string? clientOrderId = null, CancellationToken cancellationToken = default) =>
        OrderRequestAsync(HttpMethod.Delete, symbol, orderId, clientOrderId, cancellationToken);

    /// <summary>Lists open orders, of one symbol or of all.</summary>
    public async Task<IReadOnlyList<BinanceOrder>> GetOpenOrdersAsync(string? symbol = null, CancellationToken cancellationToken = default)
    {
        var query = symbol is null ? string.Empty : "symbol=" + Uri.EscapeDataString(symbol.ToUpperInvariant());
        var response = await SendAsync(HttpMethod.Get, "/api/v3/openOrders", query, signed: true, cancellationToken).ConfigureAwait(false);
        if (response.Error is { } error)
        {
            throw new BinanceApiException(error, "/api/v3/openOrders");
        }

        var dtos = JsonSerializer.Deserialize(response.Body, RestJsonContext.Default.ListOrderDto) ?? [];
        return dtos.ConvertAll(ToOrder);
    }

    /// <summary>Parses an order response (new, query or cancel).</summary>
    public static BinanceOrder ParseOrder(ReadOnlySpan<byte> json) =>
        ToOrder(JsonSerializer.Deserialize(json, RestJsonContext.Default.OrderDto) ?? throw new JsonException("order is null"));

    /// <summary>
    /// Builds the signed query of a request: <paramref name="query"/> plus <c>recvWindow</c> and a <c>timestamp</c> on
    /// Binance's clock, then <c>signature</c> over all of it.
    /// </summary>
    internal string SignedQuery(string? query)
    {
        if (string.IsNullOrEmpty(_options.ApiKey) || string.IsNullOrEmpty(_options.ApiSecret))
        {
            throw new InvalidOperationException("signed Binance requests need ApiKey and ApiSecret in BinanceOptions");
        }

        var payload = string.Create(
            CultureInfo.InvariantCulture,
            $"{query}{(string.IsNullOrEmpty(query) ? string.Empty : "&")}recvWindow={_options.RecvWindowMilliseconds}&timestamp={ServerNow}");
        return payload + "&signature=" + BinanceSigner.Sign(_options.ApiSecret, payload);
    }

    private async Task<BinanceOrderResult> ReconcileAsync(string symbol, string clientOrderId, BinanceApiError cause, CancellationToken cancellationToken)
    {
        BinanceOrderResult queried;
        try
        {
            queried = await QueryOrderAsync(symbol, null, clientOrderId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or HttpRequestException)
        {
            return new BinanceOrderResult(BinanceOrderOutcome.Unknown, null, cause, Reconciled: false);
        }

        return queried.Outcome switch
        {
            BinanceOrderOutcome.Accepted => queried with { Reconciled = true },
            BinanceOrderOutcome.NotFound => new BinanceOrderResult(BinanceOrderOutcome.NotFound, null, cause, Reconciled: true),
            _ => new BinanceOrderResult(BinanceOrderOutcome.Unknown, null, cause, Reconciled: false),
        };
    }

    private async Task<BinanceOrderResult> OrderRequestAsync(HttpMethod method, string symbol, long? orderId, string? clientOrderId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        if (orderId is null && string.IsNullOrEmpty(clientOrderId))
        {
            throw new ArgumentException("give an order id or a client order id");
        }

        var query = new StringBuilder("symbol=").Append(Uri.EscapeDataString(symbol.ToUpperInvariant()));
        if (orderId is { } id)
        {
            query.Append(CultureInfo.InvariantCulture, $"&orderId={id}");
        }

        if (!string.IsNullOrEmpty(clientOrderId))
        {
            query.Append("&origClientOrderId=").Append(Uri.EscapeDataString(clientOrderId));
        }

        var response = await SendAsync(method, "/api/v3/order", query.ToString(), signed: true, cancellationToken).ConfigureAwait(false);
        if (response.Error is { } error)
        {
            var outcome = error.Kind == BinanceErrorCode.NoSuchOrder ? BinanceOrderOutcome.NotFound
                : error.IsUnknownStatus ? BinanceOrderOutcome.Unknown
                : BinanceOrderOutcome.Rejected;
            return new BinanceOrderResult(outcome, null, error);
        }

        return new BinanceOrderResult(BinanceOrderOutcome.Accepted, ParseOrder(response.Body), null);
    }

    private static string NewClientOrderId() => "hive-" + Guid.NewGuid().ToString("N")[..24];

    private static BinanceOrder ToOrder(OrderDto d) => new(
        d.Symbol,
        d.OrderId,
        d.ClientOrderId,
        d.Side == "SELL" ? BinanceOrderSide.Sell : BinanceOrderSide.Buy,
        d.Type switch { "MARKET" => BinanceOrderType.Market, "LIMIT" => BinanceOrderType.Limit, _ => BinanceOrderType.Other },
        d.Status switch
        {
            "NEW" => BinanceOrderStatus.New,
            "PARTIALLY_FILLED" => BinanceOrderStatus.PartiallyFilled,
            "FILLED" => BinanceOrderStatus.Filled,
            "CANCELED" => BinanceOrderStatus.Canceled,
            "PENDING_CANCEL" => BinanceOrderStatus.PendingCancel,
            "REJECTED" => BinanceOrderStatus.Rejected,
            "EXPIRED" => BinanceOrderStatus.Expired,
            "EXPIRED_IN_MATCH" => BinanceOrderStatus.ExpiredInMatch,
            _ => BinanceOrderStatus.Unknown,
        },
        d.Price,
        d.OrigQty,
        d.ExecutedQty,
        d.CummulativeQuoteQty,
        d.TimeInForce,
        d.TransactTime != 0 ? d.TransactTime : d.Time);
}
