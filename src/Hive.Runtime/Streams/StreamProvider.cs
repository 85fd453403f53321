namespace Hive.Runtime.Streams;

internal sealed class StreamProvider(string name, StreamRuntime runtime) : IStreamProvider
{
    public string Name => name;

    public IAsyncStream<T> GetStream<T>(StreamId streamId) => new AsyncStream<T>(streamId, runtime);
}
