using System.Text.Json;

namespace Hive.Runtime.Streams;

/// <summary>A batch of serialized stream events received from another silo; deserialized once per item type, shared by the local subscribers.</summary>
internal sealed class RemoteBatch(JsonElement items)
{
    private readonly Lock _lock = new();
    private object? _decoded;

    public IReadOnlyList<T> Get<T>(JsonSerializerOptions options)
    {
        lock (_lock)
        {
            if (_decoded is IReadOnlyList<T> cached)
            {
                return cached;
            }

            var info = options.GetTypeInfo(typeof(T));
            var list = new List<T>(items.GetArrayLength());
            foreach (var element in items.EnumerateArray())
            {
                list.Add((T)element.Deserialize(info)!);
            }

            _decoded = list;
            return list;
        }
    }
}
