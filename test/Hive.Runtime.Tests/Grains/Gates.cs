using System.Collections.Concurrent;

namespace Hive.Runtime.Tests.Grains;

/// <summary>Test-controlled gates grain methods wait on, and a log of what entered.</summary>
internal static class Gates
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> All = new();

    public static ConcurrentQueue<string> Entered { get; } = new();

    public static Task Wait(string name) => Get(name).Task;

    public static void Open(string name) => Get(name).TrySetResult();

    private static TaskCompletionSource Get(string name) =>
        All.GetOrAdd(name, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
