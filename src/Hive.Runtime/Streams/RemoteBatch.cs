using System.Text.Json;
using Hive.Runtime.Core;

namespace Hive.Runtime.Streams;

/// <summary>A batch of serialized stream events received from another silo; deserialized once per item type, shared by the local subscribers.</summary>
internal sealed class RemoteBatch(JsonElement items)
{
    private readonly Lock _lock = new();
    private object? _decoded;

    public IReadOnlyList<T> Get<T>(StreamId streamId, JsonSerializerOptions options)
    {
        lock (_lock)
        {
            if (_decoded is IReadOnlyList<T> cached)
            {
                return cached;
            }

            var list = new List<T>(items.GetArrayLength());
            try
            {
                var info = options.GetTypeInfo(typeof(T));
                foreach (var element in items.EnumerateArray())
                {
                    list.Add((T)element.Deserialize(info)!);
                }
            }
            catch (Exception ex)
            {
                throw new GrainCallException($"Events of stream {streamId} could not be deserialized as {TypeNames.Of(typeof(T))}: {ex.Message}", ex);
            }

            _decoded = list;
            return list;
        }
    }
}
