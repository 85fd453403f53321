namespace Hive.Grains.Tests;

/// <summary>Waits on conditions with a deadline (never a fixed delay).</summary>
internal static class Wait
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    public static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var start = TimeProvider.System.GetTimestamp();
        while (!await condition())
        {
            if (TimeProvider.System.GetElapsedTime(start) > Deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(10);
        }
    }

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Deadline);

    public static Task Within(this Task task) => task.WaitAsync(Deadline);
}
