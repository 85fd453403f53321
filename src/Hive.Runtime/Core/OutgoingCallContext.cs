using Hive.Runtime.Invocation;

namespace Hive.Runtime.Core;

internal sealed class OutgoingCallContext(GrainRequest request, GrainReference target, IOutgoingGrainCallFilter[] filters) : IOutgoingGrainCallContext
{
    private int _next;

    public GrainId TargetId => request.Target;

    public string InterfaceName => request.InterfaceName;

    public string MethodName => request.MethodName;

    public IReadOnlyList<object?> Arguments { get; } = CallArguments.Of(request);

    public object? Result { get; set; }

    public async Task Invoke()
    {
        if (_next < filters.Length)
        {
            await filters[_next++].Invoke(this).ConfigureAwait(false);
            return;
        }

        Result = await request.InvokeOutgoingUntyped(target).ConfigureAwait(false);
    }
}
