namespace Hive.Api.Services;

/// <summary>The previous event count of each feed and when it was read, for the events-per-second of <c>ListFeeds</c>.</summary>
internal sealed class FeedRates(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (long Events, long Timestamp)> _last = new(StringComparer.Ordinal);

    /// <summary>Events per second since the previous reading of <paramref name="symbol"/> (0 on the first).</summary>
    public double Rate(string symbol, long events)
    {
        var now = time.GetTimestamp();
        lock (_lock)
        {
            var rate = 0.0;
            if (_last.TryGetValue(symbol, out var previous) && events >= previous.Events)
            {
                var seconds = time.GetElapsedTime(previous.Timestamp, now).TotalSeconds;
                rate = seconds > 0 ? (events - previous.Events) / seconds : 0;
            }

            _last[symbol] = (events, now);
            return rate;
        }
    }
}
