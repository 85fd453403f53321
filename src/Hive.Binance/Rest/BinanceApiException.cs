namespace Hive.Binance.Rest;

/// <summary>A market-data or account request that Binance refused; order calls return typed results instead.</summary>
public sealed class BinanceApiException : Exception
{
    /// <summary>Creates the exception for <paramref name="error"/> on <paramref name="path"/>.</summary>
    public BinanceApiException(BinanceApiError error, string path)
        : base($"Binance refused {path}: {error}")
    {
        Error = error;
        Path = path;
    }

    /// <summary>The error Binance answered.</summary>
    public BinanceApiError Error { get; }

    /// <summary>The request path.</summary>
    public string Path { get; }
}
