using System.Text.Json;
using Hive.Runtime.Invocation;

namespace Hive.Runtime.Core;

/// <summary>One timer tick, scheduled on the activation like a request.</summary>
internal sealed class TimerTickRequest(GrainTimer timer) : GrainRequest<VoidResult>
{
    public override string InterfaceName => "(grain timer)";

    public override string MethodName => "Tick";

    public override int MethodId => -1;

    public override bool IsAlwaysInterleave => timer.Options.Interleave;

    internal override bool CountsAsActivity => timer.Options.KeepAlive;

    public override int ArgumentCount => 0;

    public override object? GetArgument(int index) => throw new ArgumentOutOfRangeException(nameof(index));

    public override void WriteArguments(Utf8JsonWriter writer, JsonSerializerOptions options) => throw new NotSupportedException();

    public override void ReadArguments(ref Utf8JsonReader reader, JsonSerializerOptions options) => throw new NotSupportedException();

    protected override void Release()
    {
    }

    protected override async ValueTask<VoidResult> InvokeCore(object grain)
    {
        await timer.TickAsync();
        return default;
    }
}
