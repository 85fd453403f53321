using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hive.Trading.Market;

/// <summary>
/// JSON form of a <see cref="MarketEvent"/> (the event has no public constructor, so System.Text.Json cannot bind it by
/// itself): <c>{"kind":"candle","candle":{...}}</c>, with the one member named by the kind. Used when market data
/// crosses silos on a stream.
/// </summary>
public sealed class MarketEventJsonConverter : JsonConverter<MarketEvent>
{
    /// <inheritdoc />
    public override MarketEvent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"A market event must be a JSON object, got {reader.TokenType}.");
        }

        MarketEventKind? kind = null;
        string? symbol = null;
        long timestamp = 0;
        string? reason = null;
        Candle candle = default;
        Quote quote = default;
        TradeTick trade = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "kind":
                    kind = Enum.Parse<MarketEventKind>(reader.GetString() ?? string.Empty, ignoreCase: true);
                    break;
                case "symbol":
                    symbol = reader.GetString();
                    break;
                case "timestamp":
                    timestamp = reader.GetInt64();
                    break;
                case "reason":
                    reason = reader.GetString();
                    break;
                case "candle":
                    candle = ReadCandle(ref reader);
                    break;
                case "quote":
                    quote = ReadQuote(ref reader);
                    break;
                case "trade":
                    trade = ReadTrade(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return kind switch
        {
            MarketEventKind.Candle => MarketEvent.FromCandle(candle),
            MarketEventKind.Quote => MarketEvent.FromQuote(quote),
            MarketEventKind.Trade => MarketEvent.FromTrade(trade),
            MarketEventKind.Gap => MarketEvent.FromGap(symbol ?? throw new JsonException("A gap event needs a symbol."), timestamp, reason ?? "gap"),
            _ => throw new JsonException("A market event needs a 'kind'."),
        };
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, MarketEvent value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("kind", value.Kind switch
        {
            MarketEventKind.Candle => "candle",
            MarketEventKind.Quote => "quote",
            MarketEventKind.Trade => "trade",
            _ => "gap",
        });
        switch (value.Kind)
        {
            case MarketEventKind.Candle:
                var c = value.Candle;
                writer.WriteStartObject("candle");
                writer.WriteString("s", c.Symbol);
                writer.WriteNumber("ot", c.OpenTime);
                writer.WriteNumber("ct", c.CloseTime);
                writer.WriteNumber("o", c.Open);
                writer.WriteNumber("h", c.High);
                writer.WriteNumber("l", c.Low);
                writer.WriteNumber("c", c.Close);
                writer.WriteNumber("v", c.Volume);
                writer.WriteBoolean("x", c.IsClosed);
                writer.WriteEndObject();
                break;
            case MarketEventKind.Quote:
                var q = value.Quote;
                writer.WriteStartObject("quote");
                writer.WriteString("s", q.Symbol);
                writer.WriteNumber("t", q.Timestamp);
                writer.WriteNumber("b", q.BidPrice);
                writer.WriteNumber("bq", q.BidQuantity);
                writer.WriteNumber("a", q.AskPrice);
                writer.WriteNumber("aq", q.AskQuantity);
                writer.WriteEndObject();
                break;
            case MarketEventKind.Trade:
                var t = value.Trade;
                writer.WriteStartObject("trade");
                writer.WriteString("s", t.Symbol);
                writer.WriteNumber("t", t.Timestamp);
                writer.WriteNumber("id", t.TradeId);
                writer.WriteNumber("p", t.Price);
                writer.WriteNumber("q", t.Quantity);
                writer.WriteBoolean("m", t.BuyerIsMaker);
                writer.WriteEndObject();
                break;
            default:
                writer.WriteString("symbol", value.Symbol);
                writer.WriteNumber("timestamp", value.Timestamp);
                writer.WriteString("reason", value.GapReason);
                break;
        }

        writer.WriteEndObject();
    }

    private static Candle ReadCandle(ref Utf8JsonReader reader)
    {
        string symbol = string.Empty;
        long openTime = 0, closeTime = 0;
        double open = 0, high = 0, low = 0, close = 0, volume = 0;
        var closed = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "s": symbol = reader.GetString() ?? string.Empty; break;
                case "ot": openTime = reader.GetInt64(); break;
                case "ct": closeTime = reader.GetInt64(); break;
                case "o": open = reader.GetDouble(); break;
                case "h": high = reader.GetDouble(); break;
                case "l": low = reader.GetDouble(); break;
                case "c": close = reader.GetDouble(); break;
                case "v": volume = reader.GetDouble(); break;
                case "x": closed = reader.GetBoolean(); break;
                default: reader.Skip(); break;
            }
        }

        return new Candle(symbol, openTime, closeTime, open, high, low, close, volume, closed);
    }

    private static Quote ReadQuote(ref Utf8JsonReader reader)
    {
        string symbol = string.Empty;
        long timestamp = 0;
        double bid = 0, bidQuantity = 0, ask = 0, askQuantity = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "s": symbol = reader.GetString() ?? string.Empty; break;
                case "t": timestamp = reader.GetInt64(); break;
                case "b": bid = reader.GetDouble(); break;
                case "bq": bidQuantity = reader.GetDouble(); break;
                case "a": ask = reader.GetDouble(); break;
                case "aq": askQuantity = reader.GetDouble(); break;
                default: reader.Skip(); break;
            }
        }

        return new Quote(symbol, timestamp, bid, bidQuantity, ask, askQuantity);
    }

    private static TradeTick ReadTrade(ref Utf8JsonReader reader)
    {
        string symbol = string.Empty;
        long timestamp = 0, id = 0;
        double price = 0, quantity = 0;
        var maker = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "s": symbol = reader.GetString() ?? string.Empty; break;
                case "t": timestamp = reader.GetInt64(); break;
                case "id": id = reader.GetInt64(); break;
                case "p": price = reader.GetDouble(); break;
                case "q": quantity = reader.GetDouble(); break;
                case "m": maker = reader.GetBoolean(); break;
                default: reader.Skip(); break;
            }
        }

        return new TradeTick(symbol, timestamp, id, price, quantity, maker);
    }
}
