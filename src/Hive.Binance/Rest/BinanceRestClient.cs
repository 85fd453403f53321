using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Hive.Binance.OrderBook;
using Hive.Binance.Streams;

namespace Hive.Binance.Rest;

/// <summary>
/// Binance spot REST API: market data (klines with pagination, depth, exchange info, server time) and the signed order
/// API. Requests refused with 429 or 418 are retried after the <c>Retry-After</c> the server asked for, at most
/// <see cref="BinanceOptions.MaxRateLimitRetries"/> times; the used-weight headers are exposed for throttling.
/// </summary>
public sealed partial class BinanceRestClient : IDisposable
{
    /// <summary>Most klines Binance returns per request.</summary>
    public const int MaxKlinesPerRequest = 1000;

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly BinanceOptions _options;
    private readonly TimeProvider _time;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private long _serverTimeOffsetMs;
    private int _usedWeight = -1;
    private int _orderCount = -1;
    private int _dailyOrderCount = -1;
    private long _rateLimitWaits;
    private long _blockedUntilMs;

    /// <summary>Creates a client; <paramref name="httpClient"/> is owned by the caller when given.</summary>
    public BinanceRestClient(BinanceOptions options, HttpClient? httpClient = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        _delay = options.RateLimitDelay ?? ((delay, ct) => Task.Delay(delay, _time, ct));
    }

    /// <summary>The request weight used in the current minute, from <c>X-MBX-USED-WEIGHT-1M</c>; -1 before any response.</summary>
    public int UsedWeight => Volatile.Read(ref _usedWeight);

    /// <summary>Orders counted in the current 10 s, from <c>X-MBX-ORDER-COUNT-10S</c>; -1 before any order response.</summary>
    public int OrderCount => Volatile.Read(ref _orderCount);

    /// <summary>Orders counted in the current day, from <c>X-MBX-ORDER-COUNT-1D</c>; -1 before any order response.</summary>
    public int DailyOrderCount => Volatile.Read(ref _dailyOrderCount);

    /// <summary>
    /// Until when Binance asked not to be called: the time of the last 429/418 plus its <c>Retry-After</c>; in the past
    /// when no request was refused.
    /// </summary>
    public DateTimeOffset BlockedUntil => DateTimeOffset.FromUnixTimeMilliseconds(Interlocked.Read(ref _blockedUntilMs));

    /// <summary>How many times a 429/418 made the client wait.</summary>
    public long RateLimitWaits => Interlocked.Read(ref _rateLimitWaits);

    /// <summary>Server time minus local time, as measured by <see cref="SyncServerTimeAsync"/>.</summary>
    public TimeSpan ServerTimeOffset => TimeSpan.FromMilliseconds(Interlocked.Read(ref _serverTimeOffsetMs));

    /// <summary>Binance's clock, ms: the local clock plus the measured offset.</summary>
    public long ServerNow => _time.GetUtcNow().ToUnixTimeMilliseconds() + Interlocked.Read(ref _serverTimeOffsetMs);

    /// <summary>Reads <c>/api/v3/time</c>.</summary>
    public async Task<long> GetServerTimeAsync(CancellationToken cancellationToken = default)
    {
        var body = await GetOrThrowAsync("/api/v3/time", null, cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize(body, RestJsonContext.Default.ServerTimeDto)?.ServerTime
            ?? throw new JsonException("/api/v3/time returned null");
    }

    /// <summary>Measures the server-time offset used to stamp signed requests (midpoint of the round trip).</summary>
    public async Task<TimeSpan> SyncServerTimeAsync(CancellationToken cancellationToken = default)
    {
        var before = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var server = await GetServerTimeAsync(cancellationToken).ConfigureAwait(false);
        var after = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var offset = server - ((before + after) / 2);
        Interlocked.Exchange(ref _serverTimeOffsetMs, offset);
        return TimeSpan.FromMilliseconds(offset);
    }

    /// <summary>Reads <c>/api/v3/exchangeInfo</c>, for all symbols or only <paramref name="symbols"/>.</summary>
    public async Task<BinanceExchangeInfo> GetExchangeInfoAsync(IEnumerable<string>? symbols = null, CancellationToken cancellationToken = default)
    {
        string? query = null;
        if (symbols is not null)
        {
            var list = symbols.Select(s => s.ToUpperInvariant()).ToList();
            query = list.Count == 1
                ? "symbol=" + Uri.EscapeDataString(list[0])
                : "symbols=" + Uri.EscapeDataString("[" + string.Join(',', list.Select(s => "\"" + s + "\"")) + "]");
        }

        var body = await GetOrThrowAsync("/api/v3/exchangeInfo", query, cancellationToken).ConfigureAwait(false);
        return ParseExchangeInfo(body);
    }

    /// <summary>Parses an exchange-info document (spot, or USD-M futures which share the filter shapes).</summary>
    public static BinanceExchangeInfo ParseExchangeInfo(ReadOnlySpan<byte> json)
    {
        var dto = JsonSerializer.Deserialize(json, RestJsonContext.Default.ExchangeInfoDto)
            ?? throw new JsonException("exchangeInfo is null");
        var symbols = new List<BinanceSymbolInfo>(dto.Symbols.Count);
        foreach (var s in dto.Symbols)
        {
            BinancePriceFilter? price = null;
            BinanceLotSizeFilter? lot = null, marketLot = null;
            BinanceNotionalFilter? minNotional = null, notional = null;
            foreach (var f in s.Filters)
            {
                switch (f.FilterType)
                {
                    case "PRICE_FILTER":
                        price = new BinancePriceFilter(f.MinPrice ?? 0, f.MaxPrice ?? 0, f.TickSize ?? 0);
                        break;
                    case "LOT_SIZE":
                        lot = new BinanceLotSizeFilter(f.MinQty ?? 0, f.MaxQty ?? 0, f.StepSize ?? 0);
                        break;
                    case "MARKET_LOT_SIZE":
                        marketLot = new BinanceLotSizeFilter(f.MinQty ?? 0, f.MaxQty ?? 0, f.StepSize ?? 0);
                        break;
                    case "MIN_NOTIONAL":
                        minNotional = new BinanceNotionalFilter(f.MinNotional ?? f.Notional ?? 0, null, f.ApplyToMarket ?? true, false);
                        break;
                    case "NOTIONAL":
                        notional = new BinanceNotionalFilter(f.MinNotional ?? 0, f.MaxNotional, f.ApplyMinToMarket ?? true, f.ApplyMaxToMarket ?? false);
                        break;
                    default:
                        break;
                }
            }

            symbols.Add(new BinanceSymbolInfo(s.Symbol, s.Status, s.BaseAsset, s.QuoteAsset, price, lot, marketLot, notional ?? minNotional));
        }

        return new BinanceExchangeInfo(dto.ServerTime, symbols);
    }

    /// <summary>Reads <c>/api/v3/depth</c>.</summary>
    public async Task<BinanceOrderBookSnapshot> GetOrderBookAsync(string symbol, int limit = 1000, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        var query = string.Create(CultureInfo.InvariantCulture, $"symbol={Uri.EscapeDataString(symbol.ToUpperInvariant())}&limit={limit}");
        var body = await GetOrThrowAsync("/api/v3/depth", query, cancellationToken).ConfigureAwait(false);
        return ParseOrderBook(body);
    }

    /// <summary>Parses a depth snapshot.</summary>
    public static BinanceOrderBookSnapshot ParseOrderBook(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        long lastUpdateId = -1;
        var bids = new List<PriceLevel>();
        var asks = new List<PriceLevel>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("lastUpdateId"u8))
            {
                reader.Read();
                lastUpdateId = reader.GetInt64();
            }
            else if (reader.ValueTextEquals("bids"u8))
            {
                reader.Read();
                BinanceStreamParser.ReadLevels(ref reader, bids);
            }
            else if (reader.ValueTextEquals("asks"u8))
            {
                reader.Read();
                BinanceStreamParser.ReadLevels(ref reader, asks);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (lastUpdateId < 0)
        {
            throw new JsonException("depth snapshot without lastUpdateId");
        }

        return new BinanceOrderBookSnapshot(lastUpdateId, [.. bids], [.. asks]);
    }

    /// <summary>
    /// Reads one page of <c>/api/v3/klines</c>: at most <paramref name="limit"/> klines whose open time lies in
    /// [<paramref name="startTime"/>, <paramref name="endTime"/>] (ms, both optional).
    /// </summary>
    public async Task<IReadOnlyList<BinanceKlineRow>> GetKlinesAsync(
        string symbol, string interval, long? startTime = null, long? endTime = null, int limit = MaxKlinesPerRequest, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        ArgumentException.ThrowIfNullOrEmpty(interval);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxKlinesPerRequest);
        var query = new StringBuilder();
        query.Append(CultureInfo.InvariantCulture, $"symbol={Uri.EscapeDataString(symbol.ToUpperInvariant())}&interval={Uri.EscapeDataString(interval)}");
        if (startTime is { } s)
        {
            query.Append(CultureInfo.InvariantCulture, $"&startTime={s}");
        }

        if (endTime is { } e)
        {
            query.Append(CultureInfo.InvariantCulture, $"&endTime={e}");
        }

        query.Append(CultureInfo.InvariantCulture, $"&limit={limit}");
        var body = await GetOrThrowAsync("/api/v3/klines", query.ToString(), cancellationToken).ConfigureAwait(false);
        return ParseKlines(body);
    }

    /// <summary>
    /// Reads every kline with open time in [<paramref name="startTime"/>, <paramref name="endTime"/>) page by page
    /// (1000 per request, each next page starting after the last open time received).
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<BinanceKlineRow>> GetKlineHistoryAsync(
        string symbol, string interval, long startTime, long endTime, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var next = startTime;
        while (next < endTime)
        {
            var page = await GetKlinesAsync(symbol, interval, next, endTime - 1, MaxKlinesPerRequest, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                yield break;
            }

            yield return page;
            var last = page[^1].OpenTime;
            if (page.Count < MaxKlinesPerRequest || last < next)
            {
                yield break;
            }

            next = last + 1;
        }
    }

    /// <summary>Parses a klines response (spot or USD-M futures: arrays of twelve fields) keeping each field's text.</summary>
    public static IReadOnlyList<BinanceKlineRow> ParseKlines(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("klines must be a JSON array");
        }

        var rows = new List<BinanceKlineRow>();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            var fields = new string[12];
            var count = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (count >= 12)
                {
                    throw new JsonException($"kline {rows.Count} has more than 12 fields");
                }

                fields[count++] = reader.TokenType switch
                {
                    JsonTokenType.String => reader.GetString()!,
                    JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
                    _ => throw new JsonException($"kline {rows.Count} field {count} is a {reader.TokenType}"),
                };
            }

            if (count != 12)
            {
                throw new JsonException($"kline {rows.Count} has {count} fields, expected 12");
            }

            rows.Add(new BinanceKlineRow(long.Parse(fields[0], CultureInfo.InvariantCulture), fields));
        }

        return rows;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private async Task<byte[]> GetOrThrowAsync(string path, string? query, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Get, path, query, signed: false, cancellationToken).ConfigureAwait(false);
        if (response.Error is { } error)
        {
            throw new BinanceApiException(error, path);
        }

        return response.Body;
    }

    private async Task<RestResponse> SendAsync(HttpMethod method, string path, string? query, bool signed, CancellationToken cancellationToken, bool apiKey = false)
    {
        for (var attempt = 0; ; attempt++)
        {
            var fullQuery = signed ? SignedQuery(query) : query;
            var uri = new Uri(_options.RestBaseUrl, fullQuery is null ? path : path + "?" + fullQuery);
            using var request = new HttpRequestMessage(method, uri);
            if (signed || apiKey)
            {
                if (string.IsNullOrEmpty(_options.ApiKey))
                {
                    throw new InvalidOperationException($"{path} needs ApiKey in BinanceOptions");
                }

                request.Headers.Add("X-MBX-APIKEY", _options.ApiKey);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.RequestTimeout);
            HttpResponseMessage response;
            byte[] body;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
                body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{method} {path} got no response within {_options.RequestTimeout.TotalSeconds:0.###} s");
            }

            using (response)
            {
                ReadWeightHeaders(response);
                var status = (int)response.StatusCode;
                if (status is 429 or 418)
                {
                    var error = ParseError(body, status);
                    var wait = RetryAfter(response);
                    Interlocked.Exchange(ref _blockedUntilMs, _time.GetUtcNow().Add(wait).ToUnixTimeMilliseconds());
                    if (attempt >= _options.MaxRateLimitRetries || wait > _options.MaxRetryAfter)
                    {
                        return new RestResponse(status, body, error);
                    }

                    Interlocked.Increment(ref _rateLimitWaits);
                    await _delay(wait, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                return new RestResponse(status, body, response.IsSuccessStatusCode ? null : ParseError(body, status));
            }
        }
    }

    private TimeSpan RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - _time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return _options.DefaultRetryAfter;
    }

    private void ReadWeightHeaders(HttpResponseMessage response)
    {
        foreach (var header in response.Headers)
        {
            if (header.Key.StartsWith("X-MBX-USED-WEIGHT", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(header.Value.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var weight))
            {
                Volatile.Write(ref _usedWeight, weight);
            }
            else if (header.Key.StartsWith("X-MBX-ORDER-COUNT-10S", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(header.Value.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var orders))
            {
                Volatile.Write(ref _orderCount, orders);
            }
            else if (header.Key.StartsWith("X-MBX-ORDER-COUNT-1D", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(header.Value.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var daily))
            {
                Volatile.Write(ref _dailyOrderCount, daily);
            }
        }
    }

    private static BinanceApiError ParseError(byte[] body, int status)
    {
        try
        {
            var dto = JsonSerializer.Deserialize(body, RestJsonContext.Default.ErrorDto);
            if (dto is { Code: not 0 })
            {
                return new BinanceApiError(dto.Code, dto.Msg ?? string.Empty, status);
            }
        }
        catch (JsonException)
        {
            // Not Binance's error shape (a proxy page, an empty body): describe the HTTP status instead.
        }

        var reason = ((HttpStatusCode)status).ToString();
        return new BinanceApiError(0, $"HTTP {status} {reason}", status);
    }

    private readonly record struct RestResponse(int Status, byte[] Body, BinanceApiError? Error);
}
