using System.Globalization;
using System.Text;
using Hive.Binance.Rest;
using Microsoft.AspNetCore.Http;

namespace Hive.Binance.Testing;

/// <summary>REST side of the fake exchange.</summary>
public sealed partial class FakeBinanceServer
{
    private readonly Dictionary<string, SortedDictionary<long, string[]>> _klines = new(StringComparer.Ordinal);
    private readonly List<string> _symbols = [];
    private readonly Dictionary<string, Queue<(int Status, int RetryAfterSeconds)>> _rateLimits = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<string>> _depth = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeOrder> _orders = new(StringComparer.Ordinal);
    private int _klineRequestsBeforeAbort = -1;
    private int _failNextNewOrderCode;
    private bool _failedOrderIsPlaced = true;
    private TimeSpan _nextNewOrderDelay;
    private long _nextOrderId = 1000;
    private int _weight;

    /// <summary>Lists <paramref name="symbol"/> in exchange info (tick 0.01, step 0.00001, min notional 5).</summary>
    public void AddSymbol(string symbol)
    {
        lock (_gate)
        {
            if (!_symbols.Contains(symbol.ToUpperInvariant()))
            {
                _symbols.Add(symbol.ToUpperInvariant());
            }
        }
    }

    /// <summary>Adds kline rows (twelve fields each, as text; open time first) that <c>/api/v3/klines</c> serves.</summary>
    public void AddKlines(string symbol, string interval, IEnumerable<string[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        AddSymbol(symbol);
        lock (_gate)
        {
            var key = symbol.ToUpperInvariant() + "|" + interval;
            if (!_klines.TryGetValue(key, out var series))
            {
                _klines[key] = series = [];
            }

            foreach (var row in rows)
            {
                if (row.Length != 12)
                {
                    throw new ArgumentException($"a kline row has 12 fields, got {row.Length}", nameof(rows));
                }

                series[long.Parse(row[0], CultureInfo.InvariantCulture)] = row;
            }
        }
    }

    /// <summary>
    /// Generates <paramref name="count"/> deterministic klines of <paramref name="interval"/> from
    /// <paramref name="startTime"/> (a random walk with 8-decimal prices, as Binance prints them), serves them, and
    /// returns them.
    /// </summary>
    public IReadOnlyList<string[]> GenerateKlines(string symbol, string interval, long startTime, int count, int seed = 1)
    {
        var step = BinanceIntervals.Milliseconds(interval);
        var random = new Random(seed);
        var price = 100.0 + random.Next(0, 1000);
        var rows = new List<string[]>(count);
        for (var i = 0; i < count; i++)
        {
            var open = price;
            var close = Math.Round(open * (1 + ((random.NextDouble() - 0.5) / 100)), 2);
            var high = Math.Round(Math.Max(open, close) * (1 + (random.NextDouble() / 500)), 2);
            var low = Math.Round(Math.Min(open, close) * (1 - (random.NextDouble() / 500)), 2);
            var volume = Math.Round(random.NextDouble() * 50, 5);
            var taker = Math.Round(volume * random.NextDouble(), 5);
            var openTime = startTime + (i * step);
            rows.Add(
            [
                openTime.ToString(CultureInfo.InvariantCulture), F8(open), F8(high), F8(low), F8(close), F8(volume),
                (openTime + step - 1).ToString(CultureInfo.InvariantCulture), F8(volume * close),
                random.Next(1, 1000).ToString(CultureInfo.InvariantCulture), F8(taker), F8(taker * close), "0",
            ]);
            price = close;
        }

        AddKlines(symbol, interval, rows);
        return rows;

        static string F8(double value) => value.ToString("F8", CultureInfo.InvariantCulture);
    }

    /// <summary>The next <paramref name="times"/> requests to <paramref name="path"/> are refused with <paramref name="status"/> and <c>Retry-After</c>.</summary>
    public void EnqueueRateLimit(string path, int retryAfterSeconds, int status = 429, int times = 1)
    {
        lock (_gate)
        {
            if (!_rateLimits.TryGetValue(path, out var queue))
            {
                _rateLimits[path] = queue = new Queue<(int, int)>();
            }

            for (var i = 0; i < times; i++)
            {
                queue.Enqueue((status, retryAfterSeconds));
            }
        }
    }

    /// <summary>
    /// After <paramref name="requests"/> more successful <c>/api/v3/klines</c> requests the server drops the connection
    /// of every further one, as a network failure would; a negative value ends that.
    /// </summary>
    public void AbortKlinesAfter(int requests)
    {
        lock (_gate)
        {
            _klineRequestsBeforeAbort = requests;
        }
    }

    /// <summary>Sets what <c>/api/v3/depth</c> returns for <paramref name="symbol"/>; the function runs per request.</summary>
    public void SetDepthSnapshot(string symbol, Func<string> snapshotJson)
    {
        lock (_gate)
        {
            _depth[symbol.ToUpperInvariant()] = snapshotJson;
        }
    }

    /// <summary>
    /// The next new order is answered with an error whose outcome is unknown (-1007 by default, HTTP 503), as when
    /// Binance's backend times out; <paramref name="placed"/> says whether the order was placed all the same.
    /// </summary>
    public void FailNextNewOrder(int code = (int)BinanceErrorCode.Timeout, bool placed = true)
    {
        lock (_gate)
        {
            _failNextNewOrderCode = code;
            _failedOrderIsPlaced = placed;
        }
    }

    /// <summary>The next new order is placed, then answered only after <paramref name="delay"/> (to make the client time out).</summary>
    public void DelayNextNewOrder(TimeSpan delay)
    {
        lock (_gate)
        {
            _nextNewOrderDelay = delay;
        }
    }

    /// <summary>Orders the server holds, by client order id.</summary>
    public IReadOnlyDictionary<string, FakeOrder> Orders
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, FakeOrder>(_orders, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>The archive CSV text (<c>\n</c> line ends) of the served klines whose open time is in [from, to).</summary>
    public string ArchiveText(string symbol, string interval, long from, long to)
    {
        var text = new StringBuilder();
        lock (_gate)
        {
            if (_klines.TryGetValue(symbol.ToUpperInvariant() + "|" + interval, out var series))
            {
                foreach (var (openTime, row) in series)
                {
                    if (openTime >= from && openTime < to)
                    {
                        text.Append(string.Join(',', row)).Append('\n');
                    }
                }
            }
        }

        return text.ToString();
    }

    private async Task HandleRestAsync(HttpContext context, string path)
    {
        var request = context.Request;
        var query = request.QueryString.HasValue ? request.QueryString.Value![1..] : string.Empty;
        _requests.Enqueue(new FakeRequest(request.Method, path, query, request.Headers["X-MBX-APIKEY"].FirstOrDefault()));
        context.Response.Headers["X-MBX-USED-WEIGHT-1M"] = Interlocked.Increment(ref _weight).ToString(CultureInfo.InvariantCulture);

        (int Status, int RetryAfter)? limited = null;
        lock (_gate)
        {
            if (_rateLimits.TryGetValue(path, out var queue) && queue.Count > 0)
            {
                limited = queue.Dequeue();
            }
        }

        if (limited is { } l)
        {
            context.Response.Headers.RetryAfter = l.RetryAfter.ToString(CultureInfo.InvariantCulture);
            await Error(context, l.Status, -1003, "Too many requests; current limit of IP is exceeded.").ConfigureAwait(false);
            return;
        }

        switch (request.Method, path)
        {
            case ("GET", "/api/v3/ping"):
                await Json(context, 200, "{}").ConfigureAwait(false);
                break;
            case ("GET", "/api/v3/time"):
                await Json(context, 200, $"{{\"serverTime\":{Now()}}}").ConfigureAwait(false);
                break;
            case ("GET", "/api/v3/exchangeInfo"):
                await ExchangeInfoAsync(context).ConfigureAwait(false);
                break;
            case ("GET", "/api/v3/klines"):
                await KlinesAsync(context).ConfigureAwait(false);
                break;
            case ("GET", "/api/v3/depth"):
                await DepthAsync(context).ConfigureAwait(false);
                break;
            case ("POST", "/api/v3/order"):
            case ("GET", "/api/v3/order"):
            case ("DELETE", "/api/v3/order"):
            case ("GET", "/api/v3/openOrders"):
            case ("GET", "/api/v3/account"):
            case ("GET", "/api/v3/myTrades"):
                await SignedAsync(context, path, query).ConfigureAwait(false);
                break;
            case ("POST", UserDataStreamPath):
            case ("PUT", UserDataStreamPath):
            case ("DELETE", UserDataStreamPath):
                await ListenKeyAsync(context).ConfigureAwait(false);
                break;
            default:
                await Error(context, 404, -1000, $"Unknown endpoint {request.Method} {path}.").ConfigureAwait(false);
                break;
        }
    }

    private async Task ExchangeInfoAsync(HttpContext context)
    {
        var q = context.Request.Query;
        List<string> wanted;
        lock (_gate)
        {
            wanted = [.. _symbols];
        }

        string? one = q["symbol"];
        string? many = q["symbols"];
        if (one is not null || many is not null)
        {
            var asked = one is not null ? [one.ToUpperInvariant()]
                : many!.Trim('[', ']').Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim('"').ToUpperInvariant()).ToList();
            if (asked.Any(s => !wanted.Contains(s)))
            {
                await Error(context, 400, -1121, "Invalid symbol.").ConfigureAwait(false);
                return;
            }

            wanted = asked;
        }

        var symbols = string.Join(',', wanted.Select(s =>
            $"{{\"symbol\":\"{s}\",\"status\":\"TRADING\",\"baseAsset\":\"{s[..^4]}\",\"quoteAsset\":\"{s[^4..]}\",\"unknownField\":[1,2],\"filters\":[" +
            "{\"filterType\":\"PRICE_FILTER\",\"minPrice\":\"0.01000000\",\"maxPrice\":\"1000000.00000000\",\"tickSize\":\"0.01000000\"}," +
            "{\"filterType\":\"LOT_SIZE\",\"minQty\":\"0.00001000\",\"maxQty\":\"9000.00000000\",\"stepSize\":\"0.00001000\"}," +
            "{\"filterType\":\"NOTIONAL\",\"minNotional\":\"5.00000000\",\"applyMinToMarket\":true,\"maxNotional\":\"9000000.00000000\",\"applyMaxToMarket\":false,\"avgPriceMins\":5}]}"));
        await Json(context, 200, $"{{\"timezone\":\"UTC\",\"serverTime\":{Now()},\"rateLimits\":[],\"exchangeFilters\":[],\"symbols\":[{symbols}]}}").ConfigureAwait(false);
    }

    private async Task KlinesAsync(HttpContext context)
    {
        var q = context.Request.Query;
        var symbol = ((string?)q["symbol"] ?? string.Empty).ToUpperInvariant();
        var interval = (string?)q["interval"] ?? string.Empty;
        bool known;
        lock (_gate)
        {
            known = _symbols.Contains(symbol);
            if (known && _klineRequestsBeforeAbort >= 0)
            {
                if (_klineRequestsBeforeAbort == 0)
                {
                    context.Abort();
                    return;
                }

                _klineRequestsBeforeAbort--;
            }
        }

        if (!known)
        {
            await Error(context, 400, -1121, "Invalid symbol.").ConfigureAwait(false);
            return;
        }

        if (!BinanceIntervals.IsValid(interval))
        {
            await Error(context, 400, -1120, "Invalid interval.").ConfigureAwait(false);
            return;
        }

        var start = long.TryParse(q["startTime"], out var s) ? s : long.MinValue;
        var end = long.TryParse(q["endTime"], out var e) ? e : long.MaxValue;
        var limit = int.TryParse(q["limit"], out var n) ? Math.Clamp(n, 1, 1000) : 500;
        var json = new StringBuilder("[");
        lock (_gate)
        {
            if (_klines.TryGetValue(symbol + "|" + interval, out var series))
            {
                var written = 0;
                foreach (var (openTime, row) in series)
                {
                    if (openTime < start)
                    {
                        continue;
                    }

                    if (openTime > end || written == limit)
                    {
                        break;
                    }

                    json.Append(written++ == 0 ? "[" : ",[");
                    for (var i = 0; i < row.Length; i++)
                    {
                        json.Append(i == 0 ? string.Empty : ",");
                        json.Append(i is 0 or 6 or 8 ? row[i] : "\"" + row[i] + "\"");
                    }

                    json.Append(']');
                }
            }
        }

        await Json(context, 200, json.Append(']').ToString()).ConfigureAwait(false);
    }

    private async Task DepthAsync(HttpContext context)
    {
        var symbol = ((string?)context.Request.Query["symbol"] ?? string.Empty).ToUpperInvariant();
        Func<string>? snapshot;
        lock (_gate)
        {
            _depth.TryGetValue(symbol, out snapshot);
        }

        if (snapshot is null)
        {
            await Error(context, 400, -1121, "Invalid symbol.").ConfigureAwait(false);
            return;
        }

        await Json(context, 200, snapshot()).ConfigureAwait(false);
    }

    private async Task SignedAsync(HttpContext context, string path, string query)
    {
        if (context.Request.Headers["X-MBX-APIKEY"] != _options.ApiKey)
        {
            await Error(context, 401, -2015, "Invalid API-key, IP, or permissions for action.").ConfigureAwait(false);
            return;
        }

        var at = query.LastIndexOf("&signature=", StringComparison.Ordinal);
        if (at < 0 || !context.Request.Query.ContainsKey("timestamp"))
        {
            await Error(context, 400, -1102, "Mandatory parameter 'signature' or 'timestamp' was not sent, was empty/null, or malformed.").ConfigureAwait(false);
            return;
        }

        if (BinanceSigner.Sign(_options.ApiSecret, query[..at]) != query[(at + "&signature=".Length)..])
        {
            await Error(context, 400, -1022, "Signature for this request is not valid.").ConfigureAwait(false);
            return;
        }

        var q = context.Request.Query;
        var symbol = ((string?)q["symbol"] ?? string.Empty).ToUpperInvariant();
        if (path == "/api/v3/account")
        {
            await Json(context, 200, AccountJson()).ConfigureAwait(false);
            return;
        }

        if (path == "/api/v3/myTrades")
        {
            await Json(context, 200, MyTradesJson(symbol, long.TryParse(q["orderId"], out var tradesOf) ? tradesOf : null)).ConfigureAwait(false);
            return;
        }

        if (path == "/api/v3/openOrders")
        {
            List<FakeOrder> open;
            lock (_gate)
            {
                open = _orders.Values.Where(o => o.Status == "NEW" && (symbol.Length == 0 || o.Symbol == symbol)).ToList();
            }

            await Json(context, 200, "[" + string.Join(',', open.Select(o => o.ToJson())) + "]").ConfigureAwait(false);
            return;
        }

        bool known;
        lock (_gate)
        {
            known = _symbols.Contains(symbol);
        }

        if (!known)
        {
            await Error(context, 400, -1121, "Invalid symbol.").ConfigureAwait(false);
            return;
        }

        if (context.Request.Method == "POST")
        {
            await NewOrderAsync(context, symbol).ConfigureAwait(false);
            return;
        }

        FakeOrder? order;
        lock (_gate)
        {
            string? clientId = q["origClientOrderId"];
            order = clientId is not null
                ? _orders.GetValueOrDefault(clientId)
                : _orders.Values.FirstOrDefault(o => o.OrderId.ToString(CultureInfo.InvariantCulture) == q["orderId"]);
            if (order is not null && context.Request.Method == "DELETE")
            {
                if (order.Status != "NEW")
                {
                    order = null;
                }
                else
                {
                    order = order with { Status = "CANCELED" };
                    _orders[order.ClientOrderId] = order;
                }
            }
        }

        if (order is null)
        {
            var (code, message) = context.Request.Method == "DELETE" ? (-2011, "Unknown order sent.") : (-2013, "Order does not exist.");
            await Error(context, 400, code, message).ConfigureAwait(false);
            return;
        }

        await Json(context, 200, order.ToJson()).ConfigureAwait(false);
    }

    private async Task NewOrderAsync(HttpContext context, string symbol)
    {
        var q = context.Request.Query;
        var type = (string?)q["type"];
        var side = (string?)q["side"];
        if (type is not ("MARKET" or "LIMIT") || side is not ("BUY" or "SELL")
            || !decimal.TryParse(q["quantity"], NumberStyles.Number, CultureInfo.InvariantCulture, out var quantity)
            || (type == "LIMIT" && (!decimal.TryParse(q["price"], NumberStyles.Number, CultureInfo.InvariantCulture, out _) || q["timeInForce"].Count == 0)))
        {
            await Error(context, 400, -1102, "Mandatory parameter was not sent, was empty/null, or malformed.").ConfigureAwait(false);
            return;
        }

        var price = type == "LIMIT" ? decimal.Parse(q["price"]!, CultureInfo.InvariantCulture) : 0m;
        var clientId = (string?)q["newClientOrderId"] ?? "fake-" + Guid.NewGuid().ToString("N")[..12];
        SetOrderCountHeaders(context);
        var filter = FilterFailure(symbol, type, quantity, price);
        if (filter is not null)
        {
            await Error(context, 400, (int)BinanceErrorCode.FilterFailure, "Filter failure: " + filter).ConfigureAwait(false);
            return;
        }

        FakeExecution? execution = null;
        int fail;
        TimeSpan delay;
        bool duplicate;
        string? refused = null;
        lock (_gate)
        {
            delay = _nextNewOrderDelay;
            _nextNewOrderDelay = TimeSpan.Zero;
            duplicate = _orders.ContainsKey(clientId);
            fail = 0;
            if (!duplicate)
            {
                fail = _failNextNewOrderCode;
                _failNextNewOrderCode = 0;
                if (fail == 0 || _failedOrderIsPlaced)
                {
                    refused = InsufficientBalance(symbol, side, type, quantity);
                    if (refused is null)
                    {
                        execution = Execute(symbol, clientId, side, type, price, quantity, type == "LIMIT" ? (string?)q["timeInForce"] : null);
                    }
                }
            }
        }

        if (refused is not null && fail == 0)
        {
            await Error(context, 400, (int)BinanceErrorCode.NewOrderRejected, refused).ConfigureAwait(false);
            return;
        }

        if (execution is not null)
        {
            await ReportAsync(execution).ConfigureAwait(false);
        }

        if (delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(delay, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (duplicate)
        {
            await Error(context, 400, -2010, "Duplicate order sent.").ConfigureAwait(false);
            return;
        }

        if (fail != 0)
        {
            await Error(context, 503, fail, "Timeout waiting for response from backend server. Send status unknown; execution status unknown.").ConfigureAwait(false);
            return;
        }

        await Json(context, 200, execution!.Order.ToJson()).ConfigureAwait(false);
    }

    private long Now() => _options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    private static Task Json(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body);
    }

    private static Task Error(HttpContext context, int status, int code, string message) =>
        Json(context, status, $"{{\"code\":{code},\"msg\":\"{message}\"}}");
}
