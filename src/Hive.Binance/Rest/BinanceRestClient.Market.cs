using System.Globalization;

namespace Hive.Binance.Rest;

/// <summary>Account and market-data endpoints parsed by <see cref="BinanceRestPayloads"/>.</summary>
public sealed partial class BinanceRestClient
{
    /// <summary>Reads <c>GET /api/v3/account</c> (signed).</summary>
    public async Task<BinanceAccount> GetAccountAsync(CancellationToken cancellationToken = default)
    {
        var response = await SendAsync(HttpMethod.Get, "/api/v3/account", null, signed: true, cancellationToken).ConfigureAwait(false);
        return response.Error is { } error
            ? throw new BinanceApiException(error, "/api/v3/account")
            : BinanceRestPayloads.ParseAccount(response.Body);
    }

    /// <summary>Reads <c>GET /api/v3/trades</c>: the most recent trades of a symbol.</summary>
    public async Task<IReadOnlyList<BinanceMarketTrade>> GetRecentTradesAsync(string symbol, int limit = 500, CancellationToken cancellationToken = default) =>
        BinanceRestPayloads.ParseTrades(await GetOrThrowAsync("/api/v3/trades", SymbolQuery(symbol, limit), cancellationToken).ConfigureAwait(false));

    /// <summary>Reads <c>GET /api/v3/aggTrades</c>: the most recent aggregate trades of a symbol.</summary>
    public async Task<IReadOnlyList<BinanceMarketAggTrade>> GetAggTradesAsync(string symbol, int limit = 500, CancellationToken cancellationToken = default) =>
        BinanceRestPayloads.ParseAggTrades(await GetOrThrowAsync("/api/v3/aggTrades", SymbolQuery(symbol, limit), cancellationToken).ConfigureAwait(false));

    /// <summary>Reads <c>GET /api/v3/avgPrice</c>.</summary>
    public async Task<BinanceAveragePrice> GetAveragePriceAsync(string symbol, CancellationToken cancellationToken = default) =>
        BinanceRestPayloads.ParseAveragePrice(await GetOrThrowAsync("/api/v3/avgPrice", SymbolQuery(symbol, null), cancellationToken).ConfigureAwait(false));

    /// <summary>Reads <c>GET /api/v3/ticker/price</c> for one symbol.</summary>
    public async Task<BinanceTickerPrice> GetTickerPriceAsync(string symbol, CancellationToken cancellationToken = default) =>
        BinanceRestPayloads.ParseTickerPrice(await GetOrThrowAsync("/api/v3/ticker/price", SymbolQuery(symbol, null), cancellationToken).ConfigureAwait(false));

    /// <summary>Reads <c>GET /api/v3/ticker/bookTicker</c> for one symbol.</summary>
    public async Task<BinanceBookTickerQuote> GetBookTickerAsync(string symbol, CancellationToken cancellationToken = default) =>
        BinanceRestPayloads.ParseBookTicker(await GetOrThrowAsync("/api/v3/ticker/bookTicker", SymbolQuery(symbol, null), cancellationToken).ConfigureAwait(false));

    /// <summary>Calls <c>GET /api/v3/ping</c>; throws when the server answers with an error.</summary>
    public async Task PingAsync(CancellationToken cancellationToken = default) =>
        BinanceRestPayloads.ParsePing(await GetOrThrowAsync("/api/v3/ping", null, cancellationToken).ConfigureAwait(false));

    private static string SymbolQuery(string symbol, int? limit)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        var query = "symbol=" + Uri.EscapeDataString(symbol.ToUpperInvariant());
        return limit is { } n ? query + "&limit=" + n.ToString(CultureInfo.InvariantCulture) : query;
    }
}
