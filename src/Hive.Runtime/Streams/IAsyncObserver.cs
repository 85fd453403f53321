namespace Hive.Runtime.Streams;

/// <summary>Receives the events of a stream subscription, on the subscribing grain's turn, one at a time and in order.</summary>
public interface IAsyncObserver<in T>
{
    /// <summary>Handles one event. The producer's <c>OnNextAsync</c> completes after every subscriber handled it.</summary>
    Task OnNextAsync(T item);

    /// <summary>The stream ended (not raised by the current providers).</summary>
    Task OnCompletedAsync() => Task.CompletedTask;

    /// <summary>The stream failed (not raised by the current providers).</summary>
    Task OnErrorAsync(Exception exception) => Task.CompletedTask;
}
