using System.Runtime.InteropServices;
using System.Text.Json;
using Hive.Binance.Internal;
using Hive.Binance.OrderBook;

namespace Hive.Binance.Streams;

/// <summary>
/// Parses Binance WebSocket messages, raw (<c>/ws/&lt;stream&gt;</c>) or wrapped by the combined endpoint
/// (<c>{"stream":…,"data":…}</c>), with <see cref="Utf8JsonReader"/> and no DOM. Unknown fields are skipped. Symbols
/// and intervals come from a per-parser cache and depth levels go into reused buffers, so a parse allocates nothing
/// once the cache and buffers are warm. Results stay valid until the next call. Not thread-safe: one parser per
/// connection.
/// </summary>
public sealed class BinanceStreamParser
{
    private readonly StringCache _symbols = new(upperCase: true);
    private readonly StringCache _intervals = new(upperCase: false);
    private readonly StringCache _codes = new(upperCase: false);
    private readonly List<PriceLevel> _bids = new(64);
    private readonly List<PriceLevel> _asks = new(64);

    /// <summary>The last kline parsed.</summary>
    public BinanceKline Kline { get; private set; }

    /// <summary>The last book ticker parsed.</summary>
    public BinanceBookTicker BookTicker { get; private set; }

    /// <summary>The last trade parsed.</summary>
    public BinanceTrade Trade { get; private set; }

    /// <summary>The last aggregate trade parsed.</summary>
    public BinanceAggTrade AggTrade { get; private set; }

    /// <summary>The header of the last diff depth event parsed.</summary>
    public BinanceDepthUpdate Depth { get; private set; }

    /// <summary>Bid levels of the last diff depth event.</summary>
    public ReadOnlySpan<PriceLevel> Bids => CollectionsMarshal.AsSpan(_bids);

    /// <summary>Ask levels of the last diff depth event.</summary>
    public ReadOnlySpan<PriceLevel> Asks => CollectionsMarshal.AsSpan(_asks);

    /// <summary>The last <c>24hrTicker</c> parsed.</summary>
    public BinanceTicker24h Ticker24h { get; private set; }

    /// <summary>The last <c>executionReport</c> parsed (a new object per report: order updates are kept by callers).</summary>
    public BinanceExecutionReport? ExecutionReport { get; private set; }

    /// <summary>Event time of the last <c>serverShutdown</c> event.</summary>
    public long ShutdownTime { get; private set; }

    /// <summary>Why the last message was <see cref="BinanceStreamEventKind.Malformed"/>.</summary>
    public string? LastError { get; private set; }

    /// <summary>Parses one complete message.</summary>
    public BinanceStreamEventKind Parse(ReadOnlySpan<byte> message)
    {
        try
        {
            return ParseCore(message);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or OverflowException)
        {
            LastError = ex.Message;
            return BinanceStreamEventKind.Malformed;
        }
    }

    private BinanceStreamEventKind ParseCore(ReadOnlySpan<byte> message)
    {
        var reader = new Utf8JsonReader(message);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("a stream message must be a JSON object");
        }

        var probe = reader;
        if (!probe.Read() || probe.TokenType != JsonTokenType.PropertyName)
        {
            throw new JsonException("empty message");
        }

        if (probe.ValueTextEquals("stream"u8) || probe.ValueTextEquals("data"u8))
        {
            return ParseCombined(ref reader);
        }

        if (probe.ValueTextEquals("result"u8) || probe.ValueTextEquals("id"u8) || probe.ValueTextEquals("error"u8))
        {
            ReadToEnd(ref reader);
            return BinanceStreamEventKind.Response;
        }

        var kind = ParseObject(ref reader);
        ReadToEnd(ref reader);
        return kind;
    }

    /// <summary>Parses the <c>data</c> of a combined-stream wrapper in the same pass, whatever the order of its members.</summary>
    private BinanceStreamEventKind ParseCombined(ref Utf8JsonReader reader)
    {
        BinanceStreamEventKind? kind = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isData = reader.ValueTextEquals("data"u8);
            JsonRead.Value(ref reader);
            if (isData)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw new JsonException("'data' of a combined stream message must be an object");
                }

                kind = ParseObject(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        ReadToEnd(ref reader);
        return kind ?? throw new JsonException("combined stream message without 'data'");
    }

    private static void ReadToEnd(ref Utf8JsonReader reader)
    {
        while (reader.Read())
        {
        }
    }

    /// <summary>Parses the event object the reader is at (its start), leaving the reader at its end.</summary>
    private BinanceStreamEventKind ParseObject(ref Utf8JsonReader reader)
    {
        var probe = reader;
        var kind = DetectKind(ref probe);
        switch (kind)
        {
            case BinanceStreamEventKind.Kline: ParseKline(ref reader); break;
            case BinanceStreamEventKind.BookTicker: ParseBookTicker(ref reader); break;
            case BinanceStreamEventKind.Trade: ParseTrade(ref reader); break;
            case BinanceStreamEventKind.AggTrade: ParseAggTrade(ref reader); break;
            case BinanceStreamEventKind.DepthUpdate: ParseDepth(ref reader); break;
            case BinanceStreamEventKind.ServerShutdown: ParseShutdown(ref reader); break;
            case BinanceStreamEventKind.ExecutionReport: ParseExecutionReport(ref reader); break;
            case BinanceStreamEventKind.Ticker24h: ParseTicker24h(ref reader); break;
            default: reader.Skip(); break;
        }

        return kind;
    }

    /// <summary>Finds the event type from <c>e</c>; spot <c>bookTicker</c> has no <c>e</c> and is known by its fields.</summary>
    private static BinanceStreamEventKind DetectKind(ref Utf8JsonReader reader)
    {
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = JsonRead.ShortName(ref reader);
            JsonRead.Value(ref reader);
            if (name == (byte)'e')
            {
                if (reader.TokenType != JsonTokenType.String)
                {
                    throw new JsonException("'e' must be a string");
                }

                if (reader.ValueTextEquals("kline"u8))
                {
                    return BinanceStreamEventKind.Kline;
                }

                if (reader.ValueTextEquals("bookTicker"u8))
                {
                    return BinanceStreamEventKind.BookTicker;
                }

                if (reader.ValueTextEquals("trade"u8))
                {
                    return BinanceStreamEventKind.Trade;
                }

                if (reader.ValueTextEquals("aggTrade"u8))
                {
                    return BinanceStreamEventKind.AggTrade;
                }

                if (reader.ValueTextEquals("depthUpdate"u8))
                {
                    return BinanceStreamEventKind.DepthUpdate;
                }

                if (reader.ValueTextEquals("serverShutdown"u8))
                {
                    return BinanceStreamEventKind.ServerShutdown;
                }

                if (reader.ValueTextEquals("executionReport"u8))
                {
                    return BinanceStreamEventKind.ExecutionReport;
                }

                if (reader.ValueTextEquals("24hrTicker"u8))
                {
                    return BinanceStreamEventKind.Ticker24h;
                }

                return BinanceStreamEventKind.Unknown;
            }

            seen |= name switch
            {
                (byte)'u' => 1,
                (byte)'b' => 2,
                (byte)'a' => 4,
                (byte)'s' => 8,
                _ => 0,
            };
            reader.Skip();
        }

        return seen == 15 ? BinanceStreamEventKind.BookTicker : BinanceStreamEventKind.Unknown;
    }

    private BinanceStreamEventKind ParseKline(ref Utf8JsonReader reader)
    {
        string? symbol = null;
        long eventTime = 0;
        var found = false;
        BinanceKline k = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isK = reader.ValueTextEquals("k"u8);
            var name = JsonRead.ShortName(ref reader);
            JsonRead.Value(ref reader);
            if (isK)
            {
                k = ReadKlineBody(ref reader);
                found = true;
                continue;
            }

            switch (name)
            {
                case (byte)'E':
                    eventTime = JsonRead.Int64(ref reader);
                    break;
                case (byte)'s':
                    symbol = _symbols.Get(reader.ValueSpan);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (!found)
        {
            throw new JsonException("kline event without 'k'");
        }

        Kline = k with { Symbol = symbol ?? k.Symbol, EventTime = eventTime };
        if (Kline.Symbol is null)
        {
            throw new JsonException("kline event without a symbol");
        }

        return BinanceStreamEventKind.Kline;
    }

    private BinanceKline ReadKlineBody(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("'k' must be an object");
        }

        string? symbol = null;
        string? interval = null;
        long openTime = 0, closeTime = 0, first = 0, last = 0, count = 0;
        double open = 0, close = 0, high = 0, low = 0, volume = 0, quoteVolume = 0, takerBase = 0, takerQuote = 0;
        var closed = false;
        var required = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = JsonRead.ShortName(ref reader);
            JsonRead.Value(ref reader);
            switch (name)
            {
                case (byte)'t': openTime = JsonRead.Int64(ref reader); required |= 1; break;
                case (byte)'T': closeTime = JsonRead.Int64(ref reader); required |= 2; break;
                case (byte)'s': symbol = _symbols.Get(reader.ValueSpan); break;
                case (byte)'i': interval = _intervals.Get(reader.ValueSpan); break;
                case (byte)'f': first = JsonRead.Int64(ref reader); break;
                case (byte)'L': last = JsonRead.Int64(ref reader); break;
                case (byte)'o': open = JsonRead.Double(ref reader); required |= 4; break;
                case (byte)'c': close = JsonRead.Double(ref reader); required |= 8; break;
                case (byte)'h': high = JsonRead.Double(ref reader); required |= 16; break;
                case (byte)'l': low = JsonRead.Double(ref reader); required |= 32; break;
                case (byte)'v': volume = JsonRead.Double(ref reader); break;
                case (byte)'n': count = JsonRead.Int64(ref reader); break;
                case (byte)'x': closed = JsonRead.Boolean(ref reader); required |= 64; break;
                case (byte)'q': quoteVolume = JsonRead.Double(ref reader); break;
                case (byte)'V': takerBase = JsonRead.Double(ref reader); break;
                case (byte)'Q': takerQuote = JsonRead.Double(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        if (required != 127)
        {
            throw new JsonException("kline 'k' lacks one of t, T, o, c, h, l, x");
        }

        return new BinanceKline(symbol!, interval ?? string.Empty, 0, openTime, closeTime, first, last, open, close, high, low, volume, count, closed, quoteVolume, takerBase, takerQuote);
    }

    private BinanceStreamEventKind ParseBookTicker(ref Utf8JsonReader reader)
    {
        string? symbol = null;
        long updateId = 0, eventTime = 0, transactionTime = 0;
        double bid = 0, bidQty = 0, ask = 0, askQty = 0;
        var required = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = JsonRead.ShortName(ref reader);
            JsonRead.Value(ref reader);
            switch (name)
            {
                case (byte)'s': symbol = _symbols.Get(reader.ValueSpan); required |= 1; break;
                case (byte)'u': updateId = JsonRead.Int64(ref reader); break;
                case (byte)'b': bid = JsonRead.Double(ref reader); required |= 2; break;
                case (byte)'B': bidQty = JsonRead.Double(ref reader); required |= 4; break;
                case (byte)'a': ask = JsonRead.Double(ref reader); required |= 8; break;
                case (byte)'A': askQty = JsonRead.Double(ref reader); required |= 16; break;
                case (byte)'E': eventTime = JsonRead.Int64(ref reader); break;
                case (byte)'T': transactionTime = JsonRead.Int64(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        if (required != 31)
        {
            throw new JsonException("bookTicker lacks one of s, b, B, a, A");
        }

        BookTicker = new BinanceBookTicker(symbol!, updateId, bid, bidQty, ask, askQty, eventTime, transactionTime);
        return BinanceStreamEventKind.BookTicker;
    }

    private BinanceStreamEventKind ParseTrade(ref Utf8JsonReader reader)
    {
        string? symbol = null;
        long eventTime = 0, tradeId = 0, buyer = 0, seller = 0, tradeTime = 0;
        double price = 0, quantity = 0;
        var maker = false;
        var required = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = JsonRead.ShortName(ref reader);
            JsonRead.Value(ref reader);
            switch (name)
            {
                case (byte)'s': symbol = _symbols.Get(reader.ValueSpan); required |= 1; break;
                case (byte)'E': eventTime = JsonRead.Int64(ref reader); break;
                case (byte)'t': tradeId = JsonRead.Int64(ref reader); required |= 2; break;
                case (byte)'p': price = JsonRead.Double(ref reader); required |= 4; break;
                case (byte)'q': quantity = JsonRead.Double(ref reader); required |= 8; break;
                case (byte)'b': buyer = JsonRead.Int64(ref reader); break;
                case (byte)'a': seller = JsonRead.Int64(ref reader); break;
                case (byte)'T': tradeTime = JsonRead.Int64(ref reader); required |= 16; break;
                case (byte)'m': maker = JsonRead.Boolean(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        if (required != 31)
        {
            throw new JsonException("trade lacks one of s, t, p, q, T");
        }

        Trade = new BinanceTrade(symbol!, eventTime, tradeId, price, quantity, buyer, seller, tradeTime, maker);
        return BinanceStreamEventKind.Trade;
    }

    private BinanceStreamEventKind ParseAggTrade(ref Utf8JsonReader reader)
    {
        string? symbol = null;
        long eventTime = 0, aggId = 0, first = 0, last = 0, tradeTime = 0;
        double price = 0, quantity = 0;
        var maker = false;
        var required = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = JsonRead.ShortName(ref reader);
            JsonRead.Value(ref reader);
            switch (name)
            {
                case (byte)'s': symbol = _symbols.Get(reader.ValueSpan); required |= 1; break;
                case (byte)'E': eventTime = JsonRead.Int64(ref reader); break;
                case (byte)'a': aggId = JsonRead.Int64(ref reader); required |= 2; break;
                case (byte)'p': price = JsonRead.Double(ref reader); required |= 4; break;
                case (byte)'q': quantity = JsonRead.Double(ref reader); required |= 8; break;
                case (byte)'f': first = JsonRead.Int64(ref reader); break;
                case (byte)'l': last = JsonRead.Int64(ref reader); break;
                case (byte)'T': tradeTime = JsonRead.Int64(ref reader); required |= 16; break;
                case (byte)'m': maker = JsonRead.Boolean(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        if (required != 31)
        {
            throw new JsonException("aggTrade lacks one of s, a, p, q, T");
        }

        AggTrade = new BinanceAggTrade(symbol!, eventTime, aggId, price, quantity, first, last, tradeTime, maker);
        return BinanceStreamEventKind.AggTrade;
    }

    private BinanceStreamEventKind ParseDepth(ref Utf8JsonReader reader)
    {
        _bids.Clear();
        _asks.Clear();
        string? symbol = null;
        long eventTime = 0, transactionTime = 0, first = 0, final = 0, previous = -1;
        var required = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isPu = reader.ValueTextEquals("pu"u8);
            var name = JsonRead.ShortName(ref reader);
            JsonRead.Value(ref reader);
            if (isPu)
            {
                previous = JsonRead.Int64(ref reader);
                continue;
            }

            switch (name)
            {
                case (byte)'s': symbol = _symbols.Get(reader.ValueSpan); required |= 1; break;
                case (byte)'E': eventTime = JsonRead.Int64(ref reader); break;
                case (byte)'T': transactionTime = JsonRead.Int64(ref reader); break;
                case (byte)'U': first = JsonRead.Int64(ref reader); required |= 2; break;
                case (byte)'u': final = JsonRead.Int64(ref reader); required |= 4; break;
                case (byte)'b': ReadLevels(ref reader, _bids); required |= 8; break;
                case (byte)'a': ReadLevels(ref reader, _asks); required |= 16; break;
                default: reader.Skip(); break;
            }
        }

        if (required != 31)
        {
            throw new JsonException("depthUpdate lacks one of s, U, u, b, a");
        }

        Depth = new BinanceDepthUpdate(symbol!, eventTime, transactionTime, first, final, previous);
        return BinanceStreamEventKind.DepthUpdate;
    }

    /// <summary>Reads <c>[["price","qty"],…]</c> into <paramref name="levels"/>.</summary>
    internal static void ReadLevels(ref Utf8JsonReader reader, List<PriceLevel> levels)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("price levels must be an array");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            JsonRead.Value(ref reader);
            var price = JsonRead.Double(ref reader);
            JsonRead.Value(ref reader);
            var quantity = JsonRead.Double(ref reader);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                reader.Skip();
            }

            levels.Add(new PriceLevel(price, quantity));
        }

        if (reader.TokenType != JsonTokenType.EndArray)
        {
            throw new JsonException("a price level must be an array [price, quantity]");
        }
    }

    private void ParseTicker24h(ref Utf8JsonReader reader)
    {
        string? symbol = null;
        long eventTime = 0, openTime = 0, closeTime = 0, firstId = 0, lastId = 0, count = 0;
        double change = 0, changePercent = 0, weighted = 0, before = 0, last = 0, lastQty = 0, bid = 0, bidQty = 0;
        double ask = 0, askQty = 0, open = 0, high = 0, low = 0, volume = 0, quoteVolume = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = JsonRead.ShortName(ref reader);
            JsonRead.Value(ref reader);
            switch (name)
            {
                case (byte)'s': symbol = _symbols.Get(reader.ValueSpan); break;
                case (byte)'E': eventTime = JsonRead.Int64(ref reader); break;
                case (byte)'p': change = JsonRead.Double(ref reader); break;
                case (byte)'P': changePercent = JsonRead.Double(ref reader); break;
                case (byte)'w': weighted = JsonRead.Double(ref reader); break;
                case (byte)'x': before = JsonRead.Double(ref reader); break;
                case (byte)'c': last = JsonRead.Double(ref reader); break;
                case (byte)'Q': lastQty = JsonRead.Double(ref reader); break;
                case (byte)'b': bid = JsonRead.Double(ref reader); break;
                case (byte)'B': bidQty = JsonRead.Double(ref reader); break;
                case (byte)'a': ask = JsonRead.Double(ref reader); break;
                case (byte)'A': askQty = JsonRead.Double(ref reader); break;
                case (byte)'o': open = JsonRead.Double(ref reader); break;
                case (byte)'h': high = JsonRead.Double(ref reader); break;
                case (byte)'l': low = JsonRead.Double(ref reader); break;
                case (byte)'v': volume = JsonRead.Double(ref reader); break;
                case (byte)'q': quoteVolume = JsonRead.Double(ref reader); break;
                case (byte)'O': openTime = JsonRead.Int64(ref reader); break;
                case (byte)'C': closeTime = JsonRead.Int64(ref reader); break;
                case (byte)'F': firstId = JsonRead.Int64(ref reader); break;
                case (byte)'L': lastId = JsonRead.Int64(ref reader); break;
                case (byte)'n': count = JsonRead.Int64(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        Ticker24h = new BinanceTicker24h(
            symbol ?? throw new JsonException("24hrTicker without 's'"), eventTime, change, changePercent, weighted, before, last, lastQty,
            bid, bidQty, ask, askQty, open, high, low, volume, quoteVolume, openTime, closeTime, firstId, lastId, count);
    }

    private void ParseExecutionReport(ref Utf8JsonReader reader)
    {
        string? symbol = null, clientId = null, side = null, type = null, tif = null, originalClientId = null;
        string? execution = null, status = null, reject = null, commissionAsset = null, stp = null;
        long eventTime = 0, listId = -1, orderId = 0, transactionTime = 0, tradeId = -1, executionId = 0, creation = 0;
        long? working = null, preventedMatch = null, counterOrder = null, tradeGroup = null, trailing = null, strategyId = null, strategyType = null;
        decimal quantity = 0, price = 0, stop = 0, iceberg = 0, last = 0, cumulative = 0, lastPrice = 0, commission = 0;
        decimal cumulativeQuote = 0, lastQuote = 0, quoteOrder = 0;
        decimal? prevented = null, lastPrevented = null;
        bool onBook = false, maker = false, ignore = false;
        var required = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = JsonRead.ShortName(ref reader);
            JsonRead.Value(ref reader);
            switch (name)
            {
                case (byte)'E': eventTime = JsonRead.Int64(ref reader); break;
                case (byte)'s': symbol = _symbols.Get(reader.ValueSpan); required |= 1; break;
                case (byte)'c': clientId = JsonRead.String(ref reader, "c"); break;
                case (byte)'S': side = Code(ref reader, "S"); required |= 2; break;
                case (byte)'o': type = Code(ref reader, "o"); break;
                case (byte)'f': tif = Code(ref reader, "f"); break;
                case (byte)'q': quantity = JsonRead.Decimal(ref reader); break;
                case (byte)'p': price = JsonRead.Decimal(ref reader); break;
                case (byte)'P': stop = JsonRead.Decimal(ref reader); break;
                case (byte)'F': iceberg = JsonRead.Decimal(ref reader); break;
                case (byte)'g': listId = JsonRead.Int64(ref reader); break;
                case (byte)'C': originalClientId = JsonRead.String(ref reader, "C"); break;
                case (byte)'x': execution = Code(ref reader, "x"); required |= 4; break;
                case (byte)'X': status = Code(ref reader, "X"); required |= 8; break;
                case (byte)'r': reject = Code(ref reader, "r"); break;
                case (byte)'i': orderId = JsonRead.Int64(ref reader); required |= 16; break;
                case (byte)'l': last = JsonRead.Decimal(ref reader); break;
                case (byte)'z': cumulative = JsonRead.Decimal(ref reader); break;
                case (byte)'L': lastPrice = JsonRead.Decimal(ref reader); break;
                case (byte)'n': commission = JsonRead.Decimal(ref reader); break;
                case (byte)'N': commissionAsset = reader.TokenType == JsonTokenType.Null ? null : _symbols.Get(reader.ValueSpan); break;
                case (byte)'T': transactionTime = JsonRead.Int64(ref reader); break;
                case (byte)'t': tradeId = JsonRead.Int64(ref reader); break;
                case (byte)'I': executionId = JsonRead.Int64(ref reader); break;
                case (byte)'w': onBook = JsonRead.Boolean(ref reader); break;
                case (byte)'m': maker = JsonRead.Boolean(ref reader); break;
                case (byte)'M': ignore = JsonRead.Boolean(ref reader); break;
                case (byte)'O': creation = JsonRead.Int64(ref reader); break;
                case (byte)'Z': cumulativeQuote = JsonRead.Decimal(ref reader); break;
                case (byte)'Y': lastQuote = JsonRead.Decimal(ref reader); break;
                case (byte)'Q': quoteOrder = JsonRead.Decimal(ref reader); break;
                case (byte)'W': working = JsonRead.Int64(ref reader); break;
                case (byte)'V': stp = Code(ref reader, "V"); break;
                case (byte)'v': preventedMatch = JsonRead.Int64(ref reader); break;
                case (byte)'A': prevented = JsonRead.Decimal(ref reader); break;
                case (byte)'B': lastPrevented = JsonRead.Decimal(ref reader); break;
                case (byte)'U': counterOrder = JsonRead.Int64(ref reader); break;
                case (byte)'u': tradeGroup = JsonRead.Int64(ref reader); break;
                case (byte)'D': trailing = JsonRead.Int64(ref reader); break;
                case (byte)'j': strategyId = JsonRead.Int64(ref reader); break;
                case (byte)'J': strategyType = JsonRead.Int64(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        if (required != 31)
        {
            throw new JsonException("executionReport lacks one of s, S, x, X, i");
        }

        ExecutionReport = new BinanceExecutionReport(
            eventTime, symbol!, clientId ?? string.Empty, side!, type ?? string.Empty, tif ?? string.Empty, quantity, price, stop, iceberg,
            listId, originalClientId ?? string.Empty, execution!, status!, reject ?? "NONE", orderId, last, cumulative, lastPrice,
            commission, commissionAsset, transactionTime, tradeId, executionId, onBook, maker, ignore, creation, cumulativeQuote,
            lastQuote, quoteOrder, working, stp, preventedMatch, prevented, lastPrevented, counterOrder, tradeGroup, trailing,
            strategyId, strategyType);
    }

    private string Code(ref Utf8JsonReader reader, string field) => reader.TokenType == JsonTokenType.String
        ? _codes.Get(reader.ValueSpan)
        : throw new JsonException($"executionReport '{field}' must be a string, got {reader.TokenType}");

    private BinanceStreamEventKind ParseShutdown(ref Utf8JsonReader reader)
    {
        long eventTime = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = JsonRead.ShortName(ref reader);
            JsonRead.Value(ref reader);
            if (name == (byte)'E')
            {
                eventTime = JsonRead.Int64(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        ShutdownTime = eventTime;
        return BinanceStreamEventKind.ServerShutdown;
    }
}
