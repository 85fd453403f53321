namespace Hive.Binance.Streams;

/// <summary>What <see cref="BinanceStreamParser.Parse"/> found in a WebSocket message.</summary>
public enum BinanceStreamEventKind : byte
{
    /// <summary>Well-formed JSON of an event the connector does not consume (for example <c>outboundAccountPosition</c>).</summary>
    Unknown,

    /// <summary>Not a valid Binance stream message; see <see cref="BinanceStreamParser.LastError"/>.</summary>
    Malformed,

    /// <summary>A <c>kline</c> event; see <see cref="BinanceStreamParser.Kline"/>.</summary>
    Kline,

    /// <summary>A <c>bookTicker</c> event; see <see cref="BinanceStreamParser.BookTicker"/>.</summary>
    BookTicker,

    /// <summary>A <c>trade</c> event; see <see cref="BinanceStreamParser.Trade"/>.</summary>
    Trade,

    /// <summary>An <c>aggTrade</c> event; see <see cref="BinanceStreamParser.AggTrade"/>.</summary>
    AggTrade,

    /// <summary>A diff depth (<c>depthUpdate</c>) event; see <see cref="BinanceStreamParser.Depth"/>.</summary>
    DepthUpdate,

    /// <summary>A <c>serverShutdown</c> event: the server is about to close the connection.</summary>
    ServerShutdown,

    /// <summary>The answer to a request sent on the connection (<c>{"result":null,"id":1}</c> or an error).</summary>
    Response,

    /// <summary>A user data stream <c>executionReport</c> event; see <see cref="BinanceStreamParser.ExecutionReport"/>.</summary>
    ExecutionReport,

    /// <summary>A <c>24hrTicker</c> event; see <see cref="BinanceStreamParser.Ticker24h"/>.</summary>
    Ticker24h,
}
