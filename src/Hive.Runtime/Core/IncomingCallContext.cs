using Hive.Runtime.Invocation;

namespace Hive.Runtime.Core;

internal sealed class IncomingCallContext(GrainRequest request, object grain, IIncomingGrainCallFilter[] filters) : IIncomingGrainCallContext
{
    private int _next;

    public object Grain => grain;

    public GrainId TargetId => request.Target;

    public string InterfaceName => request.InterfaceName;

    public string MethodName => request.MethodName;

    public IReadOnlyList<object?> Arguments { get; } = CallArguments.Of(request);

    public object? Result { get; set; }

    public Task Invoke()
    {
        if (_next < filters.Length)
        {
            return filters[_next++].Invoke(this);
        }

        return request.InvokeUntyped(this, grain, r => Result = r);
    }
}
