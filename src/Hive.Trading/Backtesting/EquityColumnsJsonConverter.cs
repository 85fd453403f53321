using System.Text.Json;
using System.Text.Json.Serialization;
using Hive.Trading.Portfolio;

namespace Hive.Trading.Backtesting;

/// <summary>
/// Writes an equity curve as two columns, <c>{"time":[...], "equity":[...]}</c>: <c>time</c> holds the first
/// timestamp and then the difference to the previous one; equity values are exact decimals.
/// </summary>
internal sealed class EquityColumnsJsonConverter : JsonConverter<IReadOnlyList<EquityPoint>>
{
    public override IReadOnlyList<EquityPoint> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("equity: expected an object of columns (time, equity)");
        }

        List<long> times = [];
        List<decimal> values = [];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "time":
                    ColumnJson.ReadArray(ref reader, times, static (ref Utf8JsonReader r) => r.GetInt64(), "equity: time");
                    break;
                case "equity":
                    ColumnJson.ReadArray(ref reader, values, static (ref Utf8JsonReader r) => r.GetDecimal(), "equity: equity");
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (times.Count != values.Count)
        {
            throw new JsonException($"equity: {times.Count} times but {values.Count} values");
        }

        ColumnJson.Accumulate(times);
        var result = new EquityPoint[times.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = new EquityPoint(times[i], values[i]);
        }

        return result;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<EquityPoint> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        ColumnJson.WriteTimeDeltas(writer, "time", value, static p => p.Timestamp);
        writer.WriteStartArray("equity");
        foreach (var point in value)
        {
            writer.WriteNumberValue(point.Equity);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
