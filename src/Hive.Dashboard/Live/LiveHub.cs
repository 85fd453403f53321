using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hive.Dashboard.Live;

/// <summary>
/// The live views: one topic per view key (<c>runners</c>, <c>runner:ID</c>, …) computed once per period for all of
/// its clients, and only while it has at least one. The first client starts the topic's loop; the last one leaving
/// stops it, so a dashboard nobody has open asks the grains nothing. A topic sends only what changed, and waits a whole
/// period after each computation, so a client never gets two updates of one view closer than the period.
/// </summary>
internal sealed partial class LiveHub(IOptions<HiveDashboardOptions> options, TimeProvider time, ILogger<LiveHub> logger)
{
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(5);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, LiveTopic> _topics = new(StringComparer.Ordinal);
    private long _computations;

    /// <summary>Topics running now (one per view someone watches).</summary>
    public int ActiveTopics
    {
        get
        {
            lock (_lock)
            {
                return _topics.Count;
            }
        }
    }

    /// <summary>Computations since start, all topics together.</summary>
    public long Computations => Interlocked.Read(ref _computations);

    /// <summary>
    /// Joins the topic <paramref name="key"/>, starting it with the computation <paramref name="start"/> makes when
    /// it is not running. The computation returns the view's JSON, or <c>null</c> when there is nothing to send.
    /// </summary>
    public LiveSubscription Subscribe(string key, Func<LiveCompute> start)
    {
        ArgumentNullException.ThrowIfNull(start);
        lock (_lock)
        {
            if (!_topics.TryGetValue(key, out var topic))
            {
                topic = new LiveTopic(key);
                _topics.Add(key, topic);
                topic.Loop = RunAsync(topic, start());
            }

            var subscription = new LiveSubscription(this, topic);
            topic.Subscribers.Add(subscription);
            return subscription;
        }
    }

    internal void Leave(LiveSubscription subscription)
    {
        var topic = subscription.Topic;
        lock (_lock)
        {
            if (!topic.Subscribers.Remove(subscription) || topic.Subscribers.Count > 0)
            {
                return;
            }

            _topics.Remove(topic.Key);
        }

        topic.Stop.Cancel();
    }

    private async Task RunAsync(LiveTopic topic, LiveCompute compute)
    {
        // Off the caller's request: the first computation must not hold the subscribing request.
        await Task.Yield();
        var cancel = topic.Stop.Token;
        string? last = null;
        var period = options.Value.UpdatePeriod;
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                string message;
                try
                {
                    Interlocked.Increment(ref _computations);
                    var content = await compute(cancel).ConfigureAwait(false);
                    message = content is null || content == last ? string.Empty : Envelope("data", content);
                    last = content ?? last;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancel.IsCancellationRequested)
                {
                    LogComputeFailed(logger, topic.Key, ex.Message);
                    message = Envelope("error", System.Text.Json.JsonSerializer.Serialize(ex.Message));
                    last = null;
                }

                if (message.Length > 0)
                {
                    Broadcast(topic, message);
                }

                // A whole period from this computation's end; timers may fire a little early, so the wait is checked
                // against the clock and a margin keeps two updates at least the period apart on any client's clock.
                var computed = time.GetTimestamp();
                TimeSpan remaining;
                while ((remaining = period + Margin - time.GetElapsedTime(computed)) > TimeSpan.Zero)
                {
                    await Task.Delay(remaining, time, cancel).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
        }
        finally
        {
            topic.Stop.Dispose();
        }
    }

    private string Envelope(string name, string json) =>
        $"{{\"time\":{time.GetUtcNow().ToUnixTimeMilliseconds()},\"{name}\":{json}}}";

    private void Broadcast(LiveTopic topic, string message)
    {
        LiveSubscription[] subscribers;
        lock (_lock)
        {
            subscribers = [.. topic.Subscribers];
        }

        foreach (var subscriber in subscribers)
        {
            subscriber.Offer(message);
        }
    }

    [SuppressMessage("Style", "IDE0060", Justification = "Logging source generator.")]
    [LoggerMessage(Level = LogLevel.Warning, Message = "Live view {Key} could not be computed: {Error}")]
    private static partial void LogComputeFailed(ILogger logger, string key, string error);
}
