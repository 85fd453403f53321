namespace Hive.Testing;

/// <summary>Waits on conditions with a deadline, never on fixed delays (shared by every test project).</summary>
internal static class Wait
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    public static Task UntilAsync(Func<bool> condition, string what) =>
        UntilAsync(() => Task.FromResult(condition()), what);

    public static Task UntilAsync(Func<Task<bool>> condition, string what) => UntilAsync(condition, what, Deadline);

    /// <summary>As <see cref="UntilAsync(Func{Task{bool}}, string)"/> with a longer deadline, for whole processes starting.</summary>
    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan deadline) =>
        UntilAsync(() => Task.FromResult(condition()), what, deadline);

    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan deadline)
    {
        var start = TimeProvider.System.GetTimestamp();
        while (!await condition())
        {
            if (TimeProvider.System.GetElapsedTime(start) > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(5);
        }
    }

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Deadline);

    public static Task Within(this Task task) => task.WaitAsync(Deadline);
}
