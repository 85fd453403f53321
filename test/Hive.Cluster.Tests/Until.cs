namespace Hive.Cluster.Tests;

/// <summary>Waits on conditions with a deadline (processes start and fail over in seconds, longer than <see cref="Wait.Deadline"/>).</summary>
internal static class Until
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan timeout)
    {
        var start = TimeProvider.System.GetTimestamp();
        while (!await condition())
        {
            if (TimeProvider.System.GetElapsedTime(start) > timeout)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting until {what}.");
            }

            await Task.Delay(100);
        }
    }
}
