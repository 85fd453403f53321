using System.Text.Json;

namespace Hive.Trading.Backtesting;

/// <summary>
/// What the report's column converters share: a column of timestamps written as the first one and then the
/// difference to the previous one (small numbers where absolute milliseconds are long), and reading a column back.
/// </summary>
internal static class ColumnJson
{
    public delegate T ReadValue<T>(ref Utf8JsonReader reader);

    /// <summary>Writes the timestamps of <paramref name="items"/> as the delta-encoded column <paramref name="name"/>.</summary>
    public static void WriteTimeDeltas<T>(Utf8JsonWriter writer, string name, IReadOnlyList<T> items, Func<T, long> timestamp)
    {
        writer.WriteStartArray(name);
        var previous = 0L;
        foreach (var item in items)
        {
            var time = timestamp(item);
            writer.WriteNumberValue(time - previous);
            previous = time;
        }

        writer.WriteEndArray();
    }

    /// <summary>Turns a delta-encoded time column back into absolute timestamps, in place.</summary>
    public static void Accumulate(List<long> deltas)
    {
        var time = 0L;
        for (var i = 0; i < deltas.Count; i++)
        {
            time += deltas[i];
            deltas[i] = time;
        }
    }

    /// <summary>Reads the array the reader is on into <paramref name="into"/>; <paramref name="what"/> names it in errors.</summary>
    public static void ReadArray<T>(ref Utf8JsonReader reader, List<T> into, ReadValue<T> read, string what)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"{what}: expected an array, got {reader.TokenType}");
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            into.Add(read(ref reader));
        }
    }
}
