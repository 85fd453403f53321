namespace Hive.Binance.Rest;

/// <summary><c>/api/v3/exchangeInfo</c>: the server time and the symbols with their filters.</summary>
/// <param name="ServerTime">Server time, ms.</param>
/// <param name="Symbols">Symbols listed.</param>
public sealed record BinanceExchangeInfo(long ServerTime, IReadOnlyList<BinanceSymbolInfo> Symbols)
{
    /// <summary>The symbol named <paramref name="symbol"/> (case-insensitive), or <c>null</c>.</summary>
    public BinanceSymbolInfo? Find(string symbol) =>
        Symbols.FirstOrDefault(s => string.Equals(s.Symbol, symbol, StringComparison.OrdinalIgnoreCase));
}
