using System.Net.WebSockets;
using Hive.Binance;
using Hive.Binance.Rest;
using Hive.Grains.Exchange;

namespace Hive.Commands.Run;

/// <summary>
/// Checks, before any silo starts, that Binance answers at the addresses of <c>--feed binance</c> /
/// <c>--exchange binance</c> and lists the runners' symbols: an exchange that cannot be reached fails the run within
/// seconds with exit code 4 and the address, a symbol it does not list with exit code 2 and the symbol.
/// </summary>
internal static class ExchangeProbe
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static async Task CheckAsync(ExchangeSettings settings, IReadOnlyList<string> symbols, string runnersFile, CancellationToken cancellationToken)
    {
        var options = new BinanceOptions { RestBaseUrl = settings.RestUrl, StreamBaseUrl = settings.WebSocketUrl, RequestTimeout = Timeout, MaxRateLimitRetries = 0 };
        using (var rest = new BinanceRestClient(options))
        {
            foreach (var symbol in symbols)
            {
                try
                {
                    await rest.GetExchangeInfoAsync([symbol], cancellationToken);
                }
                catch (BinanceApiException ex) when (ex.Error.Kind == BinanceErrorCode.InvalidSymbol)
                {
                    throw new CliException($"{runnersFile}: symbol {symbol} is not listed by Binance at {settings.RestUrl}");
                }
                catch (Exception ex) when (ex is HttpRequestException or TimeoutException or BinanceApiException or System.Text.Json.JsonException)
                {
                    throw new CliException($"cannot reach Binance at {settings.RestUrl}: {ex.Message}", ExitCodes.Unavailable);
                }
            }
        }

        if (symbols.Count == 0)
        {
            return;
        }

        using var socket = new ClientWebSocket();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var probe = new Uri(settings.WebSocketUrl.ToString().TrimEnd('/') + "/ws/" + symbols[0].ToLowerInvariant() + "@kline_1m");
        try
        {
            await socket.ConnectAsync(probe, timeout.Token);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "probe", timeout.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var why = ex is OperationCanceledException ? $"no answer within {Timeout.TotalSeconds:0} s" : ex.Message;
            throw new CliException($"cannot reach Binance's market data streams at {settings.WebSocketUrl}: {why}", ExitCodes.Unavailable);
        }
    }
}
