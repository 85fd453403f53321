using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Hive.Grains.Diagnostics;
using Hive.Grains.Placement;
using Orleans.Placement;
using Orleans.Runtime;

namespace Hive.Grains.Streaming;

/// <summary>
/// The hub of one "market" stream. It loads the subscriptions from durable storage on activation and processes one
/// publish at a time (the grain is not reentrant for publishes), sending each event to all subscribers in parallel
/// and completing when every subscriber has taken it: that is the ordering per subscriber and the backpressure.
/// </summary>
/// <remarks>
/// Placed as a live grain (<see cref="LivePlacement"/>): on a <c>live</c> silo, the one hosting the symbol's feed when
/// the activating call carries the symbol (the feed's publications and the registry's calls to runners do), so that
/// fan-out from the feed to its runners stays in one silo.
/// </remarks>
[LivePlacement]
internal sealed class MarketStreamHubGrain<T> : Grain, IMarketStreamHubGrain<T>
{
    private readonly IPersistentState<MarketStreamHubState> _state;
    private readonly HiveMarketStreamOptions _options;
    private readonly string _providerName;
    private readonly StreamId _streamId;
    private readonly string _streamName;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _mutation = new(1, 1);

    // Copy-on-write snapshot: a subscription change swaps it, a publish in progress keeps the one it started with.
    private Target[] _targets = [];

    // Reused by each publish (publishes never overlap); sized to the subscriber count.
    private ValueTask[] _pending = [];
    private long _sequence;

    public MarketStreamHubGrain(
        IGrainContext context,
        IPersistentStateFactory stateFactory,
        IOptionsMonitor<HiveMarketStreamOptions> options,
        TimeProvider time,
        ILogger<MarketStreamHubGrain<T>> logger)
    {
        (_providerName, _streamId) = MarketStreamKey.Parse(context.GrainId.Key.ToString()!);
        _streamName = _streamId.ToString();
        _options = options.Get(_providerName);
        _time = time;
        _logger = logger;
        _state = stateFactory.Create<MarketStreamHubState>(context, new StateConfiguration("subscriptions", _options.StorageName));
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        RebuildTargets();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        HiveMetrics.RemoveSubscribers(this);
        return Task.CompletedTask;
    }

    public ValueTask Publish(Immutable<T> item) =>
        FanOutAsync(item.Value, static (consumer, handleId, item, _) => consumer.Deliver(new MarketDelivery<T>(handleId, item)));

    public ValueTask PublishBatch(Immutable<T[]> items) =>
        FanOutAsync(items.Value, static (consumer, handleId, items, sequence) => consumer.DeliverBatch(new MarketBatchDelivery<T>(handleId, items, sequence)));

    public ValueTask Complete() =>
        FanOutAsync(0, static (consumer, handleId, _, _) => consumer.Complete(handleId));

    public ValueTask Fail(Exception error) =>
        FanOutAsync(error, static (consumer, handleId, error, _) => consumer.Fail(handleId, error));

    public async Task<Guid> Subscribe(GrainId subscriber)
    {
        await _mutation.WaitAsync();
        try
        {
            // One subscription per grain and stream: subscribing again returns the same handle (see README).
            foreach (var existing in _state.State.Subscriptions)
            {
                if (existing.Subscriber == subscriber)
                {
                    return existing.HandleId;
                }
            }

            var subscription = new MarketStreamSubscription(Guid.NewGuid(), subscriber);
            _state.State.Subscriptions.Add(subscription);
            try
            {
                await _state.WriteStateAsync();
            }
            catch
            {
                _state.State.Subscriptions.Remove(subscription);
                throw;
            }

            RebuildTargets();
            MarketStreamLog.Subscribed(_logger, subscriber, subscription.HandleId, _providerName, _streamId);
            return subscription.HandleId;
        }
        finally
        {
            _mutation.Release();
        }
    }

    public async Task Unsubscribe(Guid handleId)
    {
        await _mutation.WaitAsync();
        try
        {
            var subscriptions = _state.State.Subscriptions;
            var index = subscriptions.FindIndex(s => s.HandleId == handleId);
            if (index < 0)
            {
                return;
            }

            var removed = subscriptions[index];
            subscriptions.RemoveAt(index);
            try
            {
                await _state.WriteStateAsync();
            }
            catch
            {
                subscriptions.Insert(index, removed);
                throw;
            }

            RebuildTargets();
            MarketStreamLog.Unsubscribed(_logger, removed.Subscriber, handleId, _providerName, _streamId);
        }
        finally
        {
            _mutation.Release();
        }
    }

    public Task<Guid[]> GetHandles(GrainId subscriber)
    {
        var handles = new List<Guid>(1);
        foreach (var subscription in _state.State.Subscriptions)
        {
            if (subscription.Subscriber == subscriber)
            {
                handles.Add(subscription.HandleId);
            }
        }

        return Task.FromResult(handles.ToArray());
    }

    private void RebuildTargets()
    {
        var subscriptions = _state.State.Subscriptions;
        var targets = new Target[subscriptions.Count];
        for (var i = 0; i < targets.Length; i++)
        {
            var subscription = subscriptions[i];
            targets[i] = new Target(
                subscription.HandleId,
                subscription.Subscriber,
                GrainFactory.GetGrain<IMarketStreamConsumerExtension>(subscription.Subscriber));
        }

        _targets = targets;
        HiveMetrics.SetSubscribers(this, _streamName, targets.Length);
    }

    // Starts every subscriber's call, then awaits them one by one: all run in parallel, and Orleans' pooled
    // completions are awaited directly. The pooling builder recycles this method's state between publishes.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask FanOutAsync<TArg>(TArg arg, Send<TArg> send)
    {
        var targets = _targets;
        if (targets.Length == 0)
        {
            return;
        }

        var started = HiveMetrics.Start();
        var sequence = ++_sequence;
        var pending = _pending.Length == targets.Length ? _pending : _pending = new ValueTask[targets.Length];
        for (var i = 0; i < targets.Length; i++)
        {
            pending[i] = Start(send, targets[i], arg, sequence);
        }

        List<Task>? recoveries = null;
        for (var i = 0; i < targets.Length; i++)
        {
            var outcome = DeliveryOutcome.Delivered;
            Exception? error = null;
            try
            {
                await pending[i];
            }
            catch (MarketStreamDeliveryException ex)
            {
                outcome = ex.Outcome;
            }
            catch (Exception ex)
            {
                error = ex;
            }

            if (error is not null || outcome != DeliveryOutcome.Delivered)
            {
                (recoveries ??= []).Add(RecoverAsync(targets[i], outcome, error, arg, sequence, send));
            }
        }

        Array.Clear(pending);
        if (recoveries is not null)
        {
            await Task.WhenAll(recoveries);
        }

        HiveMetrics.StreamDeliverySince(started, _streamName);
    }

    // The slow path of one subscriber for one event: resume its handle on a new activation, retry failed calls with
    // back-off, and give up (logged) when the subscriber itself fails or the attempts run out.
    private async Task RecoverAsync<TArg>(Target target, DeliveryOutcome outcome, Exception? error, TArg arg, long sequence, Send<TArg> send)
    {
        var attempt = 1;
        var delay = _options.DeliveryRetryDelay;
        var attached = false;
        while (true)
        {
            if (error is null)
            {
                if (outcome == DeliveryOutcome.UnknownHandle && !attached)
                {
                    try
                    {
                        await target.Consumer.Attach(_providerName, _streamId, target.HandleId);
                        attached = true;
                        await Start(send, target, arg, sequence);
                        outcome = DeliveryOutcome.Delivered;
                    }
                    catch (MarketStreamDeliveryException ex)
                    {
                        attached = true;
                        outcome = ex.Outcome;
                    }
                    catch (Exception ex)
                    {
                        error = ex;
                    }
                }

                if (error is null)
                {
                    if (outcome != DeliveryOutcome.Delivered)
                    {
                        MarketStreamLog.NotDelivered(_logger, target.Subscriber, target.HandleId, _providerName, _streamId, sequence, outcome);
                    }

                    return;
                }
            }

            if (error is GrainExtensionNotInstalledException || attempt >= _options.MaxDeliveryAttempts)
            {
                MarketStreamLog.GaveUp(_logger, error, target.Subscriber, target.HandleId, _providerName, _streamId, sequence, attempt);
                return;
            }

            MarketStreamLog.Retrying(_logger, error, target.Subscriber, _providerName, _streamId, attempt, delay);
            await Task.Delay(delay, _time);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxDeliveryRetryDelay.Ticks));
            attempt++;
            try
            {
                await Start(send, target, arg, sequence);
                outcome = DeliveryOutcome.Delivered;
                error = null;
            }
            catch (MarketStreamDeliveryException ex)
            {
                outcome = ex.Outcome;
                error = null;
            }
            catch (Exception ex)
            {
                error = ex;
            }
        }
    }

    private static ValueTask Start<TArg>(Send<TArg> send, Target target, TArg arg, long sequence)
    {
        try
        {
            return send(target.Consumer, target.HandleId, arg, sequence);
        }
        catch (Exception ex)
        {
            return ValueTask.FromException(ex);
        }
    }

    private delegate ValueTask Send<TArg>(IMarketStreamConsumerExtension consumer, Guid handleId, TArg arg, long sequence);

    private sealed record Target(Guid HandleId, GrainId Subscriber, IMarketStreamConsumerExtension Consumer);

    private sealed class StateConfiguration(string stateName, string storageName) : IPersistentStateConfiguration
    {
        public string StateName => stateName;

        public string StorageName => storageName;
    }
}
