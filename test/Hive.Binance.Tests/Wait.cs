using System.Diagnostics;
using System.Threading.Channels;
using Hive.Trading.Market;

namespace Hive.Binance.Tests;

/// <summary>Waiting on conditions with a deadline, never on fixed delays.</summary>
internal static class Wait
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(started) > Deadline)
            {
                throw new TimeoutException("timed out waiting until " + what);
            }

            await Task.Delay(5);
        }
    }

    /// <summary>Reads events until one matches <paramref name="last"/>, returning all read (the match included).</summary>
    public static async Task<List<MarketEvent>> ReadUntilAsync(ChannelReader<MarketEvent> reader, Func<MarketEvent, bool> last, string what)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        var events = new List<MarketEvent>();
        try
        {
            while (true)
            {
                var e = await reader.ReadAsync(timeout.Token);
                events.Add(e);
                if (last(e))
                {
                    return events;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"timed out waiting for {what}; read: {string.Join(" | ", events)}");
        }
    }
}
