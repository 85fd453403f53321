namespace Hive.Runtime.Streams;

internal sealed class SubscriptionHandle<T>(StreamSubscription subscription, StreamRuntime runtime) : StreamSubscriptionHandle<T>
{
    public override Guid HandleId => subscription.Id;

    public override StreamId StreamId => subscription.StreamId;

    public override Task<StreamSubscriptionHandle<T>> ResumeAsync(IAsyncObserver<T> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var activation = StreamRuntime.CurrentActivation(nameof(ResumeAsync));
        activation.StreamObservers[subscription.Id] = new StreamObserverAdapter<T>(observer);
        return Task.FromResult<StreamSubscriptionHandle<T>>(this);
    }

    public override async Task UnsubscribeAsync()
    {
        await runtime.Store.RemoveAsync(subscription.StreamId, subscription.Id);
        if (SynchronizationContext.Current is Core.ActivationSyncContext context)
        {
            context.Activation.StreamObservers.Remove(subscription.Id);
        }
    }
}
