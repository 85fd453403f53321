namespace Hive.Runtime.Tests;

/// <summary>Waits on conditions with a deadline (never a fixed delay).</summary>
internal static class Wait
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    public static async Task Until(Func<bool> condition, string what)
    {
        var start = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            if (TimeProvider.System.GetElapsedTime(start) > Deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(5);
        }
    }

    /// <summary>Advances a fake clock step by step until <paramref name="condition"/> holds (work the clock triggers runs on other threads).</summary>
    public static async Task AdvanceUntil(Hive.Runtime.Testing.FakeTimeProvider time, TimeSpan step, Func<bool> condition, string what)
    {
        var start = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            if (TimeProvider.System.GetElapsedTime(start) > Deadline)
            {
                throw new TimeoutException($"Timed out advancing the clock until {what}.");
            }

            time.Advance(step);
            await Task.Delay(5);
        }
    }

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Deadline);

    public static Task Within(this Task task) => task.WaitAsync(Deadline);
}
