namespace Hive.Commands.Run;

/// <summary>The parsed command line of <c>hive run</c>.</summary>
/// <param name="Binance">The Binance addresses and broker of <c>--feed binance</c> / <c>--exchange binance</c>, or <c>null</c>.</param>
/// <param name="BinanceFeed">Whether the feeds read Binance's live market data.</param>
/// <param name="FormingCandles">Whether Binance feeds publish the forming candle's updates too.</param>
internal sealed record RunArguments(
    string RunnersFile,
    string? DataFolder,
    double Speed,
    string DataDirectory,
    TimeSpan? Duration,
    string Account,
    IReadOnlyList<string>? RemoveRunners = null,
    string? Postgres = null,
    Hive.Grains.Exchange.ExchangeSettings? Binance = null,
    bool BinanceFeed = false,
    bool FormingCandles = false,
    RunApiArguments? Api = null,
    int HttpPort = 0)
{
    /// <summary>Whether orders go to Binance (<c>--exchange binance</c>).</summary>
    public bool BinanceOrders => Binance?.IsBinance == true;
}
