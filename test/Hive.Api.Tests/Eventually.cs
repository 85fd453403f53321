namespace Hive.Api.Tests;

/// <summary>
/// Waits on a condition over the API with a deadline (longer than <see cref="Wait"/>'s: a whole cluster and a feed run
/// behind each answer on a loaded 2-core machine), never on a fixed delay.
/// </summary>
internal static class Eventually
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what)
    {
        var start = TimeProvider.System.GetTimestamp();
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            if (TimeProvider.System.GetElapsedTime(start) > Deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}; last: {value}");
            }

            await Task.Delay(20);
        }
    }
}
