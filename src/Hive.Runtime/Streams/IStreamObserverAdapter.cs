using System.Text.Json;

namespace Hive.Runtime.Streams;

internal interface IStreamObserverAdapter
{
    Task DeliverAsync(object? items, StreamId streamId, JsonSerializerOptions options);
}
