namespace Hive.Runtime.Streams;

/// <summary>Gives access to streams. Get one in a grain with <c>this.GetStreamProvider(name)</c> or from a silo.</summary>
public interface IStreamProvider
{
    /// <summary>The provider name.</summary>
    string Name { get; }

    /// <summary>The stream <paramref name="streamId"/> of events of type <typeparamref name="T"/>.</summary>
    IAsyncStream<T> GetStream<T>(StreamId streamId);
}
