using Hive.Runtime.Invocation;

namespace Hive.Runtime.Core;

internal sealed partial class SiloRuntime
{
    public async Task<object?> RunIncomingFiltersAsync(GrainRequest request, ActivationData activation)
    {
        var context = new IncomingCallContext(request, activation.GrainInstance!, _incoming);
        await context.Invoke();
        return context.Result;
    }

    private async ValueTask<TResult> InvokeWithOutgoingFiltersAsync<TResult>(GrainReference target, GrainRequest<TResult> request)
    {
        var context = new OutgoingCallContext(request, target, _outgoing);
        await context.Invoke().ConfigureAwait(false);
        return context.Result is TResult value ? value : default!;
    }
}
