using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hive.Trading.Backtesting;

/// <summary>
/// Writes a runner's signals as columns: <c>{"kinds":[...], "details":[...], "time":[...], "price":[...],
/// "kind":[...], "detail":[...]}</c>. Kinds and details repeat, so each is written once and referred to by index
/// (<c>-1</c>: no detail); <c>time</c> holds the first timestamp and then the difference to the previous one.
/// </summary>
internal sealed class SignalColumnsJsonConverter : JsonConverter<IReadOnlyList<SignalMark>>
{
    public override IReadOnlyList<SignalMark> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("signals: expected an object of columns (kinds, details, time, price, kind, detail)");
        }

        List<string> kinds = [], details = [];
        List<long> times = [];
        List<double> prices = [];
        List<int> kind = [], detail = [];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "kinds": ColumnJson.ReadArray(ref reader, kinds, static (ref Utf8JsonReader r) => r.GetString()!, "signals: kinds"); break;
                case "details": ColumnJson.ReadArray(ref reader, details, static (ref Utf8JsonReader r) => r.GetString()!, "signals: details"); break;
                case "time": ColumnJson.ReadArray(ref reader, times, static (ref Utf8JsonReader r) => r.GetInt64(), "signals: time"); break;
                case "price": ColumnJson.ReadArray(ref reader, prices, static (ref Utf8JsonReader r) => r.GetDouble(), "signals: price"); break;
                case "kind": ColumnJson.ReadArray(ref reader, kind, static (ref Utf8JsonReader r) => r.GetInt32(), "signals: kind"); break;
                case "detail": ColumnJson.ReadArray(ref reader, detail, static (ref Utf8JsonReader r) => r.GetInt32(), "signals: detail"); break;
                default: reader.Skip(); break;
            }
        }

        if (prices.Count != times.Count || kind.Count != times.Count || detail.Count != times.Count)
        {
            throw new JsonException($"signals: columns differ in length (time {times.Count}, price {prices.Count}, kind {kind.Count}, detail {detail.Count})");
        }

        ColumnJson.Accumulate(times);
        var result = new SignalMark[times.Count];
        for (var i = 0; i < result.Length; i++)
        {
            if ((uint)kind[i] >= (uint)kinds.Count || detail[i] < -1 || detail[i] >= details.Count)
            {
                throw new JsonException($"signals: signal {i} refers to a kind or detail that is not listed");
            }

            result[i] = new SignalMark(times[i], prices[i], kinds[kind[i]], detail[i] < 0 ? null : details[detail[i]]);
        }

        return result;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<SignalMark> value, JsonSerializerOptions options)
    {
        var kinds = new Dictionary<string, int>(StringComparer.Ordinal);
        var details = new Dictionary<string, int>(StringComparer.Ordinal);
        var kindIndex = new int[value.Count];
        var detailIndex = new int[value.Count];
        for (var i = 0; i < value.Count; i++)
        {
            kindIndex[i] = IndexOf(kinds, value[i].Kind);
            detailIndex[i] = value[i].Detail is { } d ? IndexOf(details, d) : -1;
        }

        writer.WriteStartObject();
        WriteStrings(writer, "kinds", kinds);
        WriteStrings(writer, "details", details);
        ColumnJson.WriteTimeDeltas(writer, "time", value, static s => s.Timestamp);
        writer.WriteStartArray("price");
        foreach (var signal in value)
        {
            writer.WriteNumberValue(signal.Price);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("kind");
        foreach (var index in kindIndex)
        {
            writer.WriteNumberValue(index);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("detail");
        foreach (var index in detailIndex)
        {
            writer.WriteNumberValue(index);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static int IndexOf(Dictionary<string, int> table, string value)
    {
        if (!table.TryGetValue(value, out var index))
        {
            index = table.Count;
            table[value] = index;
        }

        return index;
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, Dictionary<string, int> table)
    {
        writer.WriteStartArray(name);
        foreach (var (text, _) in table.OrderBy(static kv => kv.Value))
        {
            writer.WriteStringValue(text);
        }

        writer.WriteEndArray();
    }
}
