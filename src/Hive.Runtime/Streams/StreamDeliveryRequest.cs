using System.Text.Json;
using Hive.Runtime.Invocation;

namespace Hive.Runtime.Streams;

/// <summary>Delivers a batch of stream events to one subscriber grain, on its turn. Pooled per thread on the inline path.</summary>
internal sealed class StreamDeliveryRequest : GrainRequest<VoidResult>
{
    [ThreadStatic]
    private static StreamDeliveryRequest? _pool;

    private Guid _subscriptionId;
    private StreamId _streamId;
    private object? _items;

    public override string InterfaceName => "(stream)";

    public override string MethodName => "OnNext";

    public override int MethodId => -3;

    public override int ArgumentCount => 0;

    public static StreamDeliveryRequest Rent(StreamSubscription subscription, object items)
    {
        var request = _pool ?? new StreamDeliveryRequest();
        _pool = null;
        request._subscriptionId = subscription.Id;
        request._streamId = subscription.StreamId;
        request._items = items;
        request.Target = subscription.Subscriber;
        return request;
    }

    public override object? GetArgument(int index) => throw new ArgumentOutOfRangeException(nameof(index));

    public override void WriteArguments(Utf8JsonWriter writer, JsonSerializerOptions options) =>
        throw new NotSupportedException("Stream deliveries are batched per silo, not forwarded.");

    public override void ReadArguments(ref Utf8JsonReader reader, JsonSerializerOptions options) => throw new NotSupportedException();

    protected override void Release()
    {
        _items = null;
        _pool = this;
    }

    protected override ValueTask<VoidResult> InvokeCore(object grain)
    {
        var activation = ((Grain)grain).Activation;
        if (!activation.StreamObservers.TryGetValue(_subscriptionId, out var observer))
        {
            activation.Runtime.Streams.LogUndeliverable(activation.GrainId, _subscriptionId, _streamId);
            return default;
        }

        var delivered = ((IStreamObserverAdapter)observer).DeliverAsync(_items, _streamId, activation.Runtime.JsonOptions);
        return GrainRequestHelpers.FromTask(delivered);
    }
}
