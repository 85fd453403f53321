using Hive.Runtime.Testing;
using Hive.Testing;

namespace Hive.Runtime.Tests;

/// <summary>Driving a fake clock until work it triggers (on other threads) has happened, with the shared deadline.</summary>
internal static class FakeClock
{
    /// <summary>Advances <paramref name="time"/> step by step until <paramref name="condition"/> holds.</summary>
    public static async Task AdvanceUntilAsync(FakeTimeProvider time, TimeSpan step, Func<bool> condition, string what)
    {
        var start = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            if (TimeProvider.System.GetElapsedTime(start) > Wait.Deadline)
            {
                throw new TimeoutException($"Timed out advancing the clock until {what}.");
            }

            time.Advance(step);
            await Task.Delay(5);
        }
    }
}
