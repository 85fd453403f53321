using System.Text.Json;
using System.Text.Json.Serialization;
using Hive.Trading.Portfolio;
using Hive.Trading.Strategies;

namespace Hive.Trading.Backtesting;

/// <summary>
/// Writes a runner's trades as one JSON array per trade, <c>[side, quantity, entryTimeDelta, entryPrice, durationMs,
/// exitPrice, fees, pnl, exitReason]</c>, which is less than half the size of an object per trade:
/// <c>entryTimeDelta</c> is the entry time minus the previous row's (the first row's is absolute, Unix epoch
/// milliseconds) and the exit time is the entry time plus <c>durationMs</c>. The runner ID and symbol are the
/// runner's and are filled in by <see cref="BacktestReportWriter.ReadJson"/>.
/// </summary>
internal sealed class TradeRowsJsonConverter : JsonConverter<IReadOnlyList<ClosedTrade>>
{
    /// <summary>The column names of a trade row, in order (written to the report so that readers need no documentation).</summary>
    public static readonly string[] Columns = ["side", "quantity", "entryTimeDelta", "entryPrice", "durationMs", "exitPrice", "fees", "pnl", "exitReason"];

    public override IReadOnlyList<ClosedTrade> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        Expect(ref reader, JsonTokenType.StartArray, "trades");
        var trades = new List<ClosedTrade>();
        var previousEntry = 0L;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException($"trade {trades.Count}: expected an array of {Columns.Length} values ({string.Join(", ", Columns)})");
            }

            reader.Read();
            var side = reader.GetString() switch
            {
                "long" => PositionSide.Long,
                "short" => PositionSide.Short,
                var other => throw new JsonException($"trade {trades.Count}: side must be long or short, got '{other}'"),
            };
            Advance(ref reader);
            var quantity = reader.GetDecimal();
            Advance(ref reader);
            var entryTime = previousEntry + reader.GetInt64();
            previousEntry = entryTime;
            Advance(ref reader);
            var entryPrice = reader.GetDecimal();
            Advance(ref reader);
            var duration = reader.GetInt64();
            Advance(ref reader);
            var exitPrice = reader.GetDecimal();
            Advance(ref reader);
            var fees = reader.GetDecimal();
            Advance(ref reader);
            var pnl = reader.GetDecimal();
            Advance(ref reader);
            var reason = reader.GetString() ?? throw new JsonException($"trade {trades.Count}: no exit reason");
            Expect(ref reader, JsonTokenType.EndArray, $"trade {trades.Count}");
            trades.Add(new ClosedTrade(string.Empty, string.Empty, side, quantity, entryTime, entryPrice, entryTime + duration, exitPrice, fees, pnl, reason));
        }

        return trades;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<ClosedTrade> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        var previousEntry = 0L;
        foreach (var trade in value)
        {
            writer.WriteStartArray();
            writer.WriteStringValue(trade.Side == PositionSide.Short ? "short" : "long");
            writer.WriteNumberValue(trade.Quantity);
            writer.WriteNumberValue(trade.EntryTime - previousEntry);
            previousEntry = trade.EntryTime;
            writer.WriteNumberValue(trade.EntryPrice);
            writer.WriteNumberValue(trade.ExitTime - trade.EntryTime);
            writer.WriteNumberValue(trade.ExitPrice);
            writer.WriteNumberValue(trade.Fees);
            writer.WriteNumberValue(trade.Pnl);
            writer.WriteStringValue(trade.ExitReason);
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }

    private static void Advance(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType is JsonTokenType.EndArray)
        {
            throw new JsonException($"a trade row needs {Columns.Length} values ({string.Join(", ", Columns)})");
        }
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string where)
    {
        if (reader.TokenType != type && !(reader.Read() && reader.TokenType == type))
        {
            throw new JsonException($"{where}: expected {type}, got {reader.TokenType}");
        }
    }
}
