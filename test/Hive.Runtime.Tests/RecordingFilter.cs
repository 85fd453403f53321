using System.Collections.Concurrent;
using Hive.Runtime.Testing;
using Hive.Runtime.Tests.Grains;

namespace Hive.Runtime.Tests;

internal sealed class RecordingFilter : IIncomingGrainCallFilter, IOutgoingGrainCallFilter
{
    public static ConcurrentQueue<string> Log { get; } = new();

    async Task IIncomingGrainCallFilter.Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
            Log.Enqueue($"in {context.InterfaceName}.{context.MethodName}({string.Join(",", context.Arguments)}) grain={context.Grain.GetType().Name} result={context.Result}");
        }
        catch (Exception ex)
        {
            Log.Enqueue($"in {context.InterfaceName}.{context.MethodName}({string.Join(",", context.Arguments)}) threw {ex.GetType().Name}: {ex.Message}");
            throw;
        }
    }

    async Task IOutgoingGrainCallFilter.Invoke(IOutgoingGrainCallContext context)
    {
        await context.Invoke();
        Log.Enqueue($"out {context.MethodName} to {context.TargetId.Type} result={context.Result}");
    }
}
