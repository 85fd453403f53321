using System.Text.Json;
using Orleans.Storage;

namespace Hive.Postgres;

/// <summary>
/// Grain state as JSON with the same settings as Hive's file storage (System.Text.Json defaults: public properties,
/// no fields), so a state type that round-trips in files round-trips in PostgreSQL too.
/// </summary>
internal sealed class JsonGrainStateSerializer : IGrainStorageSerializer
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false, IncludeFields = false };

    public static JsonGrainStateSerializer Instance { get; } = new();

    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, Json));

    public T? Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return JsonSerializer.Deserialize<T>(input.ToMemory().Span, Json);
    }
}
