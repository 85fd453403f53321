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
            if (name is "time" or "equity" && reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException($"equity: {name} must be an array");
            }

            switch (name)
            {
                case "time":
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        times.Add(reader.GetInt64());
                    }

                    break;
                case "equity":
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        values.Add(reader.GetDecimal());
                    }

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

        var result = new EquityPoint[times.Count];
        var time = 0L;
        for (var i = 0; i < result.Length; i++)
        {
            time += times[i];
            result[i] = new EquityPoint(time, values[i]);
        }

        return result;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<EquityPoint> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("time");
        var previous = 0L;
        foreach (var point in value)
        {
            writer.WriteNumberValue(point.Timestamp - previous);
            previous = point.Timestamp;
        }

        writer.WriteEndArray();
        writer.WriteStartArray("equity");
        foreach (var point in value)
        {
            writer.WriteNumberValue(point.Equity);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
