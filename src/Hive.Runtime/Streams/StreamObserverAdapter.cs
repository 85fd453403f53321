using System.Text.Json;

namespace Hive.Runtime.Streams;

/// <summary>Binds a typed observer to a subscription in one activation; turns local or serialized batches into calls.</summary>
internal sealed class StreamObserverAdapter<T>(IAsyncObserver<T> observer) : IStreamObserverAdapter
{
    public async Task DeliverAsync(object? items, JsonElement? json, JsonSerializerOptions options)
    {
        if (items is IReadOnlyList<T> local)
        {
            for (var i = 0; i < local.Count; i++)
            {
                await observer.OnNextAsync(local[i]);
            }

            return;
        }

        if (json is { } array)
        {
            var info = options.GetTypeInfo(typeof(T));
            foreach (var element in array.EnumerateArray())
            {
                await observer.OnNextAsync((T)element.Deserialize(info)!);
            }
        }
    }
}
