using System.Diagnostics;

namespace Hive.Benchmarks.Streams;

/// <summary>
/// Collects, across all subscriber grains of the benchmark silo, when each event was published and when its last
/// subscriber received it, and signals the producer when the expected number of deliveries arrived.
/// </summary>
internal static class DeliveryRecorder
{
    private static long[] _published = [];
    private static long[] _lastReceipt = [];
    private static int _remaining;
    private static TaskCompletionSource _done = new();

    public static void Reset(int events)
    {
        _published = new long[events];
        _lastReceipt = new long[events];
    }

    /// <summary>Arms the recorder for <paramref name="deliveries"/> receipts; the task completes with the last.</summary>
    public static Task Expect(int deliveries)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _done, done);
        Volatile.Write(ref _remaining, deliveries);
        return done.Task;
    }

    public static void Published(int sequence)
    {
        var published = _published;
        if ((uint)sequence < (uint)published.Length)
        {
            published[sequence] = Stopwatch.GetTimestamp();
        }
    }

    public static void Received(int sequence)
    {
        var now = Stopwatch.GetTimestamp();
        var receipts = _lastReceipt;
        if ((uint)sequence < (uint)receipts.Length)
        {
            var seen = Volatile.Read(ref receipts[sequence]);
            while (now > seen)
            {
                var previous = Interlocked.CompareExchange(ref receipts[sequence], now, seen);
                if (previous == seen)
                {
                    break;
                }

                seen = previous;
            }
        }

        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            Volatile.Read(ref _done).TrySetResult();
        }
    }

    /// <summary>Publish-to-last-receipt latency of each event from <paramref name="from"/> on, in microseconds.</summary>
    public static double[] LatenciesMicroseconds(int from, int count)
    {
        var result = new double[count - from];
        for (var i = from; i < count; i++)
        {
            result[i - from] = (_lastReceipt[i] - _published[i]) * 1_000_000.0 / Stopwatch.Frequency;
        }

        return result;
    }
}
