using Hive.Runtime.Invocation;

namespace Hive.Runtime.Core;

internal static class CallArguments
{
    public static object?[] Of(GrainRequest request)
    {
        var arguments = new object?[request.ArgumentCount];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = request.GetArgument(i);
        }

        return arguments;
    }
}
