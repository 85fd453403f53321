using System.Text.Json;
using Hive.Runtime.Invocation;

namespace Hive.Runtime.Streams;

/// <summary>Delivers a batch of stream events to one subscriber grain, on its turn.</summary>
internal sealed class StreamDeliveryRequest(Guid subscriptionId, StreamId streamId, object items) : GrainRequest<VoidResult>
{
    public override string InterfaceName => "(stream)";

    public override string MethodName => "OnNext " + streamId;

    public override int MethodId => -3;

    public override int ArgumentCount => 0;

    public override object? GetArgument(int index) => throw new ArgumentOutOfRangeException(nameof(index));

    public override void WriteArguments(Utf8JsonWriter writer, JsonSerializerOptions options) =>
        throw new NotSupportedException("Stream deliveries are batched per silo, not forwarded.");

    public override void ReadArguments(ref Utf8JsonReader reader, JsonSerializerOptions options) => throw new NotSupportedException();

    protected override void Release()
    {
    }

    protected override async ValueTask<VoidResult> InvokeCore(object grain)
    {
        var activation = ((Grain)grain).Activation;
        if (activation.StreamObservers.TryGetValue(subscriptionId, out var observer))
        {
            await ((IStreamObserverAdapter)observer).DeliverAsync(items, activation.Runtime.JsonOptions);
        }
        else
        {
            activation.Runtime.Streams.LogUndeliverable(activation.GrainId, subscriptionId, streamId);
        }

        return default;
    }
}
