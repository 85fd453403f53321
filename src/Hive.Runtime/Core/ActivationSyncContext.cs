namespace Hive.Runtime.Core;

/// <summary>Posts continuations of grain code back onto the activation's work queue, which keeps awaits on the activation's turn.</summary>
internal sealed class ActivationSyncContext(ActivationData activation) : SynchronizationContext
{
    public ActivationData Activation { get; } = activation;

    public override void Post(SendOrPostCallback d, object? state) => Activation.Post(d, state);

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Synchronous Send onto a grain activation would deadlock; await instead.");

    public override SynchronizationContext CreateCopy() => this;
}
