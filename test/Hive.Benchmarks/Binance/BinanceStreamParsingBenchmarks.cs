using System.Text;
using BenchmarkDotNet.Attributes;
using Hive.Binance.OrderBook;
using Hive.Binance.Streams;

namespace Hive.Benchmarks.Binance;

/// <summary>
/// Parsing of Binance WebSocket messages as they arrive on a combined-stream connection: one message per operation,
/// from UTF-8 bytes to typed fields. Messages/s = 1 / Mean.
/// </summary>
[MemoryDiagnoser]
public class BinanceStreamParsingBenchmarks
{
    private static readonly byte[] Kline = Encoding.UTF8.GetBytes(
        """{"stream":"btcusdt@kline_1m","data":{"e":"kline","E":1672515782136,"s":"BTCUSDT","k":{"t":1672515780000,"T":1672515839999,"s":"BTCUSDT","i":"1m","f":100,"L":200,"o":"16541.51000000","c":"16542.20000000","h":"16543.90000000","l":"16540.00000000","v":"118.51922000","n":1450,"x":false,"q":"1960539.29372340","V":"61.22780000","Q":"1012806.12823070","B":"0"}}}""");

    private static readonly byte[] BookTicker = Encoding.UTF8.GetBytes(
        """{"stream":"ethusdt@bookTicker","data":{"u":12711621188,"s":"ETHUSDT","b":"4507.24000000","B":"2.35950000","a":"4507.25000000","A":"2.84570000"}}""");

    private static readonly byte[] Trade = Encoding.UTF8.GetBytes(
        """{"stream":"ethusdt@trade","data":{"e":"trade","E":1639351062244,"s":"ETHUSDT","t":705291099,"p":"4149.74000000","q":"0.43870000","b":7038593583,"a":7038593613,"T":1639351062243,"m":true,"M":true}}""");

    private static readonly byte[] Depth = Encoding.UTF8.GetBytes(
        """{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1672515782136,"s":"BTCUSDT","U":157,"u":160,"b":[["16541.50000000","0.50000000"],["16541.40000000","1.20000000"],["16541.30000000","0.00000000"],["16541.20000000","3.10000000"],["16541.10000000","0.75000000"],["16541.00000000","2.00000000"],["16540.90000000","0.01000000"],["16540.80000000","4.00000000"],["16540.70000000","0.33000000"],["16540.60000000","1.00000000"]],"a":[["16541.60000000","0.40000000"],["16541.70000000","0.00000000"],["16541.80000000","2.20000000"],["16541.90000000","1.10000000"],["16542.00000000","5.00000000"],["16542.10000000","0.90000000"],["16542.20000000","0.05000000"],["16542.30000000","3.30000000"],["16542.40000000","0.60000000"],["16542.50000000","1.50000000"]]}}""");

    private readonly BinanceStreamParser _parser = new();
    private readonly LocalOrderBook _book = new("BTCUSDT");

    [GlobalSetup]
    public void Setup()
    {
        // Warm the symbol cache and the level buffers, as a live connection is after its first messages.
        _parser.Parse(Kline);
        _parser.Parse(BookTicker);
        _parser.Parse(Trade);
        _parser.Parse(Depth);
        _book.Apply(_parser.Bids, _parser.Asks, 160);
    }

    [Benchmark]
    public double ParseKline()
    {
        _parser.Parse(Kline);
        return _parser.Kline.Close;
    }

    [Benchmark]
    public double ParseBookTicker()
    {
        _parser.Parse(BookTicker);
        return _parser.BookTicker.BidPrice;
    }

    [Benchmark]
    public double ParseTrade()
    {
        _parser.Parse(Trade);
        return _parser.Trade.Price;
    }

    [Benchmark]
    public int ParseDepthDiff()
    {
        _parser.Parse(Depth);
        return _parser.Bids.Length + _parser.Asks.Length;
    }

    [Benchmark]
    public double ParseDepthDiffAndApplyToBook()
    {
        _parser.Parse(Depth);
        _book.Apply(_parser.Bids, _parser.Asks, _parser.Depth.FinalUpdateId);
        return _book.BestBid.Price;
    }
}
