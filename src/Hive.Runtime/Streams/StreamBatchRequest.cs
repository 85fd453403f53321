using System.Text.Json;
using Hive.Runtime.Invocation;

namespace Hive.Runtime.Streams;

/// <summary>Tracks the acknowledgement of one stream batch sent to another silo (and writes it on the receiving side).</summary>
internal sealed class StreamBatchRequest : GrainRequest<VoidResult>
{
    public override string InterfaceName => "(stream)";

    public override string MethodName => "DeliverBatch";

    public override int MethodId => -2;

    public override int ArgumentCount => 0;

    public override object? GetArgument(int index) => throw new ArgumentOutOfRangeException(nameof(index));

    public override void WriteArguments(Utf8JsonWriter writer, JsonSerializerOptions options) => throw new NotSupportedException();

    public override void ReadArguments(ref Utf8JsonReader reader, JsonSerializerOptions options) => throw new NotSupportedException();

    protected override void Release()
    {
    }

    protected override ValueTask<VoidResult> InvokeCore(object grain) => throw new NotSupportedException();
}
