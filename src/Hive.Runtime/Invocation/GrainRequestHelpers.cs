using System.ComponentModel;

namespace Hive.Runtime.Invocation;

/// <summary>Adapters generated invokers use for methods without a result.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GrainRequestHelpers
{
    /// <summary>Adapts a <see cref="Task"/> to <see cref="ValueTask{VoidResult}"/> without allocating when it completed.</summary>
    public static ValueTask<VoidResult> FromTask(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.IsCompletedSuccessfully ? default : Await(task);

        static async ValueTask<VoidResult> Await(Task task)
        {
            await task;
            return default;
        }
    }

    /// <summary>Adapts a <see cref="ValueTask"/> to <see cref="ValueTask{VoidResult}"/> without allocating when it completed.</summary>
    public static ValueTask<VoidResult> FromValueTask(ValueTask task)
    {
        if (task.IsCompletedSuccessfully)
        {
            task.GetAwaiter().GetResult();
            return default;
        }

        return Await(task);

        static async ValueTask<VoidResult> Await(ValueTask task)
        {
            await task;
            return default;
        }
    }
}
