using System.Globalization;
using System.Text.Json;

namespace Hive.Binance.Rest;

/// <summary>The account's trades and the user data stream's listen key.</summary>
public sealed partial class BinanceRestClient
{
    /// <summary>Reads <c>GET /api/v3/myTrades</c> (signed): the account's trades of one order.</summary>
    public async Task<IReadOnlyList<BinanceAccountTrade>> GetOrderTradesAsync(string symbol, long orderId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        var query = string.Create(CultureInfo.InvariantCulture, $"symbol={Uri.EscapeDataString(symbol.ToUpperInvariant())}&orderId={orderId}");
        var response = await SendAsync(HttpMethod.Get, "/api/v3/myTrades", query, signed: true, cancellationToken).ConfigureAwait(false);
        if (response.Error is { } error)
        {
            throw new BinanceApiException(error, "/api/v3/myTrades");
        }

        return JsonSerializer.Deserialize(response.Body, RestJsonContext.Default.ListBinanceAccountTrade) ?? [];
    }

    /// <summary>Opens a user data stream: <c>POST /api/v3/userDataStream</c> (API key, no signature); returns its listen key.</summary>
    public async Task<string> CreateListenKeyAsync(CancellationToken cancellationToken = default)
    {
        var response = await SendAsync(HttpMethod.Post, UserDataStreamPath, null, signed: false, cancellationToken, apiKey: true).ConfigureAwait(false);
        if (response.Error is { } error)
        {
            throw new BinanceApiException(error, UserDataStreamPath);
        }

        var key = JsonSerializer.Deserialize(response.Body, RestJsonContext.Default.ListenKeyDto)?.ListenKey;
        return string.IsNullOrEmpty(key) ? throw new JsonException($"{UserDataStreamPath} returned no listenKey") : key;
    }

    /// <summary>Keeps a listen key alive for another 60 minutes: <c>PUT /api/v3/userDataStream</c>.</summary>
    public Task KeepAliveListenKeyAsync(string listenKey, CancellationToken cancellationToken = default) =>
        ListenKeyRequestAsync(HttpMethod.Put, listenKey, cancellationToken);

    /// <summary>Closes a user data stream: <c>DELETE /api/v3/userDataStream</c>.</summary>
    public Task CloseListenKeyAsync(string listenKey, CancellationToken cancellationToken = default) =>
        ListenKeyRequestAsync(HttpMethod.Delete, listenKey, cancellationToken);

    private const string UserDataStreamPath = "/api/v3/userDataStream";

    private async Task ListenKeyRequestAsync(HttpMethod method, string listenKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(listenKey);
        var response = await SendAsync(method, UserDataStreamPath, "listenKey=" + Uri.EscapeDataString(listenKey), signed: false, cancellationToken, apiKey: true)
            .ConfigureAwait(false);
        if (response.Error is { } error)
        {
            throw new BinanceApiException(error, UserDataStreamPath);
        }
    }
}
