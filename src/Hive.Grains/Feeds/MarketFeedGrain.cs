using Hive.Grains.Diagnostics;
using Hive.Grains.Hosting;
using Hive.Grains.Placement;
using Hive.Trading.Market;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.Streams;

namespace Hive.Grains.Feeds;

/// <summary>
/// The publisher of one symbol's market data (key = symbol). The pump is a background task on the activation's own
/// scheduler: it is not a request, so status calls interleave with it at its awaits, and its publications are grain
/// calls from this grain (cheaper than calls from outside any grain); a publication completes when every subscriber
/// handled the events (backpressure). Events the
/// source produces faster than real time (a replay at full speed) go out in batches of up to <see cref="MaxBatch"/>;
/// an event the source waited for goes out at once. The definition, and how far the feed got, are persisted (by a
/// timer on the turn, on stop and on deactivation), so a feed reactivated after its silo died resumes after the last
/// event it published.
/// </summary>
[LivePlacement]
[GrainType(PlacementAffinity.FeedGrainTypeName)]
internal sealed class MarketFeedGrain(
    [PersistentState("feed", HivePlatform.StorageName)] IPersistentState<MarketFeedState> state,
    MarketDataSourceFactory sources,
    ILocalSiloDetails silo,
    TimeProvider time,
    ILogger<MarketFeedGrain> logger) : Grain, IMarketFeedGrain
{
    internal const int MaxBatch = 256;
    // A feed reactivated after its silo died resumes after the last saved event, and re-publishes at its pace what it had
    // published since (its runners skip what they already processed): the period bounds that replayed stretch, and so
    // part of a failover's time. One small write a second per feed (only when it published something).
    private static readonly TimeSpan SavePeriod = TimeSpan.FromSeconds(1);

    private CancellationTokenSource? _stop;
    private Task _pump = Task.CompletedTask;
    private long _published;
    private long _lastEventTime;
    private double _lastPrice;
    private volatile bool _running;
    private volatile string? _error;
    private volatile bool _ended;
    private long _savedEventTime;

    private string Symbol => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _published = state.State.EventsPublished;
        _lastEventTime = _savedEventTime = state.State.LastEventTime;
        _lastPrice = state.State.LastPrice;
        this.RegisterGrainTimer(_ => SaveProgressAsync(), new GrainTimerCreationOptions(SavePeriod, SavePeriod) { KeepAlive = true });
        if (state.State is { Running: true, Definition: { } definition })
        {
            try
            {
                // Live data published while the feed was away is lost: its runners are told by a gap event.
                var gap = definition.Source == FeedSourceKind.Binance
                    ? $"feed {Symbol} restarted on silo {silo.Name}; events after {_lastEventTime} until now were missed"
                    : null;
                StartPump(definition, _lastEventTime, _lastPrice, gap);
                logger.LogInformation("Feed {Symbol} resumed on {Silo} after event time {LastEventTime}", Symbol, silo.Name, _lastEventTime);
            }
            catch (ArgumentException ex)
            {
                _error = ex.Message;
                logger.LogError("Feed {Symbol} could not resume: {Error}", Symbol, ex.Message);
            }
        }

        await base.OnActivateAsync(cancellationToken);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await StopPumpAsync();
        await SaveProgressAsync();
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    public async Task<FeedStatus> StartAsync(FeedDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (!string.Equals(definition.Symbol, Symbol, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Feed {Symbol} cannot publish {definition.Symbol}: the feed grain's key is its symbol.");
        }

        if (!(definition.Speed >= 0) || !double.IsFinite(definition.Speed))
        {
            throw new ArgumentException($"Feed {Symbol}: speed must be 0 (as fast as possible) or positive, got {definition.Speed}.");
        }

        if (_running && state.State.Definition == definition)
        {
            return Status();
        }

        await StopPumpAsync();
        // Resume only a feed that was interrupted (its silo died); a stopped or finished feed starts over.
        var resume = state.State.Running && !_ended && state.State.Definition == definition ? _lastEventTime : 0;
        if (resume == 0)
        {
            _published = 0;
            _lastEventTime = 0;
            _lastPrice = 0;
        }

        StartPump(definition, resume, _lastPrice);
        state.State.Definition = definition;
        state.State.Running = true;
        await SaveProgressAsync(force: true);
        await GrainFactory.GetGrain<IFeedWatchdogGrain>(IFeedWatchdogGrain.DefaultKey).WatchAsync(Symbol);
        logger.LogInformation("Feed {Symbol} started on {Silo}: {Source}", Symbol, silo.Name, definition.Source);
        return Status();
    }

    public async Task StopAsync()
    {
        await StopPumpAsync();
        state.State.Running = false;
        await SaveProgressAsync(force: true);
        await GrainFactory.GetGrain<IFeedWatchdogGrain>(IFeedWatchdogGrain.DefaultKey).UnwatchAsync(Symbol);
    }

    public async Task DrainAsync()
    {
        // A drained feed is not brought back by the watchdog during the shutdown; the next start resumes it.
        await GrainFactory.GetGrain<IFeedWatchdogGrain>(IFeedWatchdogGrain.DefaultKey).UnwatchAsync(Symbol);
        await StopPumpAsync();
        await SaveProgressAsync(force: true);
    }

    public Task<FeedStatus> GetStatusAsync() => Task.FromResult(Status());

    private FeedStatus Status() => new(
        Symbol,
        state.State.Definition?.Source ?? FeedSourceKind.Simulated,
        _running,
        Interlocked.Read(ref _published),
        Interlocked.Read(ref _lastEventTime),
        silo.Name,
        _error);

    private void StartPump(FeedDefinition definition, long resumeAfter, double lastPrice, string? gap = null)
    {
        var source = sources.Create(definition, resumeAfter, lastPrice);
        var stream = this.GetStreamProvider(MarketStreams.ProviderName).GetStream<MarketEvent>(MarketStreams.For(Symbol));
        _error = null;
        _ended = false;
        _running = true;
        _stop = new CancellationTokenSource();
        var token = _stop.Token;
        // Started from a turn of this grain, the pump's continuations stay on the activation's scheduler; it runs on
        // after that turn ends, and stopping it awaits it.
        _pump = PumpAsync(source, stream, gap, token);
    }

    private async Task StopPumpAsync()
    {
        if (_stop is null)
        {
            return;
        }

        await _stop.CancelAsync();
        try
        {
            await _pump;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        _stop = null;
        _running = false;
    }

    private async Task PumpAsync(IMarketDataSource source, IAsyncStream<MarketEvent> stream, string? gap, CancellationToken cancellationToken)
    {
        // Runners activated by these publications are placed next to this feed (see LivePlacementDirector).
        using var affinity = PlacementAffinity.ForSymbol(Symbol);
        var batch = new List<MarketEvent>(MaxBatch);
        try
        {
            if (gap is not null)
            {
                batch.Add(MarketEvent.FromGap(Symbol, Math.Max(Interlocked.Read(ref _lastEventTime), time.GetUtcNow().ToUnixTimeMilliseconds()), gap));
                await PublishAsync(stream, batch);
            }

            await using var events = source.ReadAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                var next = events.MoveNextAsync();
                if (!next.IsCompleted && batch.Count != 0)
                {
                    // The source is waiting for the next event: what is buffered goes out now.
                    await PublishAsync(stream, batch);
                }

                if (!await next)
                {
                    break;
                }

                batch.Add(events.Current);
                if (batch.Count == MaxBatch)
                {
                    await PublishAsync(stream, batch);
                }
            }

            if (batch.Count != 0)
            {
                await PublishAsync(stream, batch);
            }

            _ended = true;
            logger.LogInformation("Feed {Symbol}: source ended after {Events} events", Symbol, Interlocked.Read(ref _published));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            _error = ex.Message;
            logger.LogError(ex, "Feed {Symbol} failed", Symbol);
        }
        finally
        {
            _running = false;
        }
    }

    private async Task PublishAsync(IAsyncStream<MarketEvent> stream, List<MarketEvent> batch)
    {
        try
        {
            if (batch.Count == 1)
            {
                await stream.OnNextAsync(batch[0]);
            }
            else
            {
                await stream.OnNextBatchAsync(batch);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One failing subscriber must not stop the symbol's data for the others.
            logger.LogWarning(ex, "Feed {Symbol}: a subscriber failed on {Count} events", Symbol, batch.Count);
        }

        HiveMetrics.MarketEvents(Symbol, batch);

        var last = batch[^1];
        Interlocked.Add(ref _published, batch.Count);
        Interlocked.Exchange(ref _lastEventTime, last.Timestamp);
        for (var i = batch.Count - 1; i >= 0; i--)
        {
            if (batch[i].Kind == MarketEventKind.Candle)
            {
                Interlocked.Exchange(ref _lastPrice, batch[i].Candle.Close);
                break;
            }
        }

        batch.Clear();
    }

    private async Task SaveProgressAsync(bool force = false)
    {
        var lastEventTime = Interlocked.Read(ref _lastEventTime);
        var finished = _ended && state.State.Running;
        if (finished)
        {
            state.State.Running = false;
        }

        if (!force && !finished && lastEventTime == _savedEventTime)
        {
            return;
        }

        state.State.EventsPublished = Interlocked.Read(ref _published);
        state.State.LastEventTime = lastEventTime;
        state.State.LastPrice = Interlocked.CompareExchange(ref _lastPrice, 0, 0);
        await state.WriteStateAsync();
        _savedEventTime = lastEventTime;
    }
}
