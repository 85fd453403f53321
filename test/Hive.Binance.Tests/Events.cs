using System.Threading.Channels;
using Hive.Testing;
using Hive.Trading.Market;

namespace Hive.Binance.Tests;

/// <summary>Reading market events a stream delivered, with the shared deadline.</summary>
internal static class Events
{
    /// <summary>Reads events until one matches <paramref name="last"/>, returning all read (the match included).</summary>
    public static async Task<List<MarketEvent>> ReadUntilAsync(ChannelReader<MarketEvent> reader, Func<MarketEvent, bool> last, string what)
    {
        using var timeout = new CancellationTokenSource(Wait.Deadline);
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
