using Hive.Grains.Diagnostics;
using Hive.Grains.Feeds;
using Hive.Grains.Gateway;
using Hive.Grains.Hosting;
using Hive.Grains.Placement;
using Hive.Trading.Market;
using Hive.Trading.Runners;
using Hive.Trading.Strategies;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Hive.Grains.Runners;

/// <summary>
/// One runner (key = runner ID) on a <c>live</c> silo. Its definition, trading snapshot (position, P&amp;L, context,
/// protections), pause flag and order counts are persisted, so a reactivated runner rebuilds its strategy, restores the
/// snapshot, obtains a fresh DeploymentID from its gateway (fencing its previous activation) and attaches to
/// <c>market/SYMBOL</c> again. State is written after fills, stops and moved protections, after operator actions,
/// and on deactivation; never for a tick that changed none of these. A gateway answer <c>Fenced</c> means this
/// activation is stale: it stops trading, keeps its hands off the persisted state, and deactivates.
/// </summary>
[LivePlacement]
internal sealed class RunnerGrain(
    [PersistentState("runner", HivePlatform.StorageName)] IPersistentState<RunnerGrainState> state,
    ILocalSiloDetails silo,
    TimeProvider time,
    ILogger<RunnerGrain> grainLogger) : Grain, IRunnerGrain, IAsyncObserver<MarketEvent>, IStreamSubscriptionObserver
{
    // What a reactivation must not lose: the position (fills), a stop, and moved protections. Idle ↔ Analyzing is not
    // persisted: a restored runner that is flat resumes in Idle anyway (RunnerCore.Restore). Counts and context written
    // between these events are persisted with the next one and on deactivation.
    private const RunnerEvents PersistOn = RunnerEvents.Filled | RunnerEvents.Stopped | RunnerEvents.ProtectionChanged;
    private const RunnerEvents SlowPath = PersistOn | RunnerEvents.StrategyError;

    private static readonly TimeSpan RecentErrorWindow = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan DataTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan LongestWatchWait = TimeSpan.FromSeconds(20);
    private const int EventLogCapacity = 1024;
    private const int MaxEventsPerWatch = 256;

    // Every line this activation logs carries its runner ID, symbol and deployment epoch.
    private readonly RunnerLogger logger = new(grainLogger);
    private RunnerTrader? _trader;
    private DateTimeOffset _startedAt;
    private DateTimeOffset _lastDataAt;
    private DateTimeOffset _lastErrorAt = DateTimeOffset.MinValue;
    private long _lastCandleClose;
    private int _gaps;
    private string? _lastGap;
    private int _errorsSeen;
    private string? _startError;
    private bool _stale;
    private bool _removed;
    private bool _newBarSeen;
    private volatile bool _paused;

    // Watchers' log, created by the first WatchAsync; null (and nothing recorded) while nobody has watched.
    private readonly string _activationTag = Guid.NewGuid().ToString("N")[..12];
    private RunnerEventLog? _events;

    // The live chart's recent candles, equity and markers: fixed rings, recorded whether or not anyone looks.
    private readonly RunnerChartBuffer _chart = new();
    private int _signalsSeen;
    private long _transitionsSeen;
    private int _errorsLogged;
    private RunnerHealth _loggedHealth;

    private string RunnerId => this.GetPrimaryKeyString();

    // The state the runners gauge counts this activation under. Read on the exporter's thread, so it touches only plain
    // fields (grain state may be read on the activation only); a racy read is fine for a gauge.
    private string MetricState() => _trader is not { } trader
        ? (_startError is null ? "not_started" : "failed")
        : _paused ? "paused" : trader.Core.State switch
        {
            RunnerState.Idle => "idle",
            RunnerState.Analyzing => "analyzing",
            RunnerState.InPosition => "in_position",
            RunnerState.Stopped => "stopped",
            var other => other.ToString().ToLowerInvariant(),
        };

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _startedAt = _lastDataAt = time.GetUtcNow();
        logger.Describe(RunnerId, state.State.Definition?.Symbol, null);
        HiveMetrics.TrackRunner(this, MetricState);
        if (state.State.Definition is not null)
        {
            logger.LogInformation("Runner {RunnerId} activating on {Silo} (state read)", RunnerId, silo.Name);
            await StartTradingAsync();
            if (_trader is { } trader)
            {
                // A runner activated with a definition is one coming back (its silo died, or it was deactivated): the
                // line marks when it can trade again, for tracing a failover.
                logger.LogInformation("Runner {RunnerId} resumed on {Silo} as {Deployment} after bar {LastBar}",
                    RunnerId, silo.Name, trader.Deployment, trader.Core.LastTimestamp);
            }
        }

        await base.OnActivateAsync(cancellationToken);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_trader is not null && !_stale && !_removed)
        {
            await PersistAsync();
        }

        HiveMetrics.UntrackRunner(this);
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    public async Task<RunnerStatus> StartAsync(RunnerDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (!string.Equals(definition.RunnerId, RunnerId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Runner grain '{RunnerId}' cannot start runner '{definition.RunnerId}'.");
        }

        if (state.State.Definition is { } current)
        {
            if (RunnerDefinitions.Same(current, definition))
            {
                if (_trader is null)
                {
                    await StartTradingAsync();
                }

                return Status();
            }

            throw new InvalidOperationException(
                $"Runner '{RunnerId}' already runs {current.Strategy} on {current.Symbol} with another definition; remove it first.");
        }

        RunnerDefinitions.Validate(definition, StrategyCatalog.Default);
        state.State = new RunnerGrainState { Definition = definition };
        await state.WriteStateAsync();
        await StartTradingAsync();
        if (_startError is not null)
        {
            // Not added: leave nothing behind that a corrected definition would collide with.
            var error = _startError;
            await state.ClearStateAsync();
            DeactivateOnIdle();
            throw new InvalidOperationException($"Runner '{RunnerId}' could not start: {error}");
        }

        logger.LogInformation("Runner {RunnerId} started on {Silo}: {Strategy} on {Symbol} as {Deployment}",
            RunnerId, silo.Name, definition.Strategy, definition.Symbol, _trader!.Deployment);
        return Status();
    }

    public Task<RunnerStatus> GetStatusAsync() => Task.FromResult(Status());

    public async Task PauseAsync()
    {
        RequireDefinition();
        state.State.Paused = true;
        _paused = true;
        _trader?.Core.Stop("paused by operator");
        await PersistAsync();
        LogOperator("paused by operator");
    }

    public async Task ResumeAsync()
    {
        RequireDefinition();
        state.State.Paused = false;
        _paused = false;
        if (_trader is null)
        {
            await StartTradingAsync();
        }

        _trader?.Core.Resume();
        await PersistAsync();
        LogOperator("resumed by operator");
    }

    public async Task RestartAsync()
    {
        var definition = RequireDefinition();
        if (_trader is null)
        {
            await StartTradingAsync();
            if (_startError is not null)
            {
                throw new InvalidOperationException($"Runner '{RunnerId}' could not restart: {_startError}");
            }

            LogOperator("restarted by operator");
            return;
        }

        _trader.Core.ReplaceStrategy(CreateStrategy(definition));
        if (!state.State.Paused && _trader.Core.State == RunnerState.Stopped)
        {
            _trader.Core.Resume();
        }

        await PersistAsync();
        LogOperator($"restarted by operator: {definition.Strategy} reloaded");
        logger.LogInformation("Runner {RunnerId} restarted {Strategy}", RunnerId, definition.Strategy);
    }

    public async Task ReloadAsync()
    {
        var definition = RequireDefinition();
        if (_trader is null)
        {
            // Not trading (its start failed): starting it is what reading the script again means here.
            await StartTradingAsync();
            if (_startError is not null)
            {
                throw new InvalidOperationException($"Runner '{RunnerId}' could not reload {definition.Strategy}: {_startError}");
            }
        }
        else
        {
            _trader.Core.ReplaceStrategy(CreateStrategy(definition));
            await PersistAsync();
        }

        LogOperator($"reloaded {definition.Strategy} by operator");
        logger.LogInformation("Runner {RunnerId} reloaded {Strategy}", RunnerId, definition.Strategy);
    }

    public Task<RunnerChart> GetChartAsync(string activation, long afterTime, long afterMarker)
    {
        var afterMark = string.Equals(activation, _activationTag, StringComparison.Ordinal) ? afterMarker : 0;
        var (candles, equity, markers) = _chart.After(afterTime, afterMark);
        return Task.FromResult(new RunnerChart(candles, equity, markers, _activationTag));
    }

    public async Task<RunnerEventBatch> WatchAsync(string activation, long afterSequence, TimeSpan wait)
    {
        if (_removed || state.State.Definition is null)
        {
            return new RunnerEventBatch([], true, _activationTag);
        }

        var log = _events ?? StartLog();
        var after = string.Equals(activation, _activationTag, StringComparison.Ordinal) ? afterSequence : 0;
        var events = log.After(after, MaxEventsPerWatch);
        if (events.Count == 0 && wait > TimeSpan.Zero)
        {
            using var cancel = new CancellationTokenSource();
            var changed = log.Changed();
            await Task.WhenAny(changed, Task.Delay(wait < LongestWatchWait ? wait : LongestWatchWait, time, cancel.Token));
            await cancel.CancelAsync();
            events = log.After(after, MaxEventsPerWatch);
        }

        return new RunnerEventBatch(events, _removed, _activationTag);
    }

    // The strategy of the definition, built anew (a Lua script is read again); the old strategy keeps running when the
    // new one does not load.
    private IStrategy CreateStrategy(RunnerDefinition definition)
    {
        try
        {
            return StrategyCatalog.Default.Create(definition.Strategy, new StrategyParameters(definition.Parameters));
        }
        catch (Exception ex) when (ex is ArgumentException or StrategyException or IOException)
        {
            // Without the cause as inner exception: a script error type has no Orleans codec, and the message names it.
            throw new InvalidOperationException($"Runner '{RunnerId}' could not reload {definition.Strategy}: {ex.Message}");
        }
    }

    public async Task RemoveAsync()
    {
        if (state.State.Definition is { } definition)
        {
            var stream = this.GetStreamProvider(MarketStreams.ProviderName).GetStream<MarketEvent>(MarketStreams.For(definition.Symbol));
            foreach (var handle in await stream.GetAllSubscriptionHandles())
            {
                await handle.UnsubscribeAsync();
            }

            await GrainFactory.GetGrain<IGatewayGrain>(definition.Account).RevokeAsync(RunnerId);
        }

        LogOperator("removed by operator");
        _removed = true;
        _trader = null;
        await state.ClearStateAsync();
        DeactivateOnIdle();
        logger.LogInformation("Runner {RunnerId} removed", RunnerId);
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex)
    {
        logger.LogWarning(ex, "Runner {RunnerId}: market stream reported an error", RunnerId);
        return Task.CompletedTask;
    }

    // A reactivated runner that receives an event before it resumed its subscription (Orleans asks it here) attaches
    // itself again; its own activation resumes the same handle when it starts first.
    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        ArgumentNullException.ThrowIfNull(handleFactory);
        await handleFactory.Create<MarketEvent>().ResumeAsync(this);
    }

    public Task OnNextAsync(MarketEvent item, StreamSequenceToken? token = null)
    {
        var trader = _trader;
        if (trader is null || _stale)
        {
            return Task.CompletedTask;
        }

        _lastDataAt = time.GetUtcNow();
        if (IsAlreadyProcessed(item, trader))
        {
            return Task.CompletedTask;
        }

        var started = HiveMetrics.Start();
        var pending = trader.OnMarketEventAsync(item);
        if (pending.IsCompletedSuccessfully)
        {
            var events = pending.Result;
            _chart.Record(item, trader.Core, events);
            if (_events is not null && events != RunnerEvents.None)
            {
                CollectCoreEvents(trader);
            }

            return (events & SlowPath) == 0 && !trader.IsFenced ? Task.CompletedTask : AfterEventAsync(trader, events);
        }

        return AwaitEventAsync(trader, pending, started, item);
    }

    // A feed that resumes after a failover may publish again what this runner's persisted state already covers;
    // processing a closed bar twice would trade twice on it. Only closed bars are checked: live quotes and trades are
    // stamped by their own clocks and may be older than the last bar's close time without being repeats.
    private bool IsAlreadyProcessed(in MarketEvent item, RunnerTrader trader)
    {
        if (item.Kind == MarketEventKind.Candle && item.Candle.IsClosed)
        {
            if (item.Timestamp <= _lastCandleClose)
            {
                return true;
            }

            if (!_newBarSeen)
            {
                // The first bar this activation trades on: with the resume line, where a failover's time goes.
                _newBarSeen = true;
                logger.LogInformation("Runner {RunnerId}: first new bar since activation closes at {BarTime}", RunnerId, item.Timestamp);
            }

            _lastCandleClose = item.Timestamp;
        }
        else if (item.Kind == MarketEventKind.Gap)
        {
            _gaps++;
            _lastGap = item.GapReason;
            logger.LogWarning("Runner {RunnerId}: gap in {Symbol} market data: {Reason}", RunnerId, item.Symbol, item.GapReason);
        }

        return false;
    }

    // Orders go out asynchronously, so only this path can have traded: its fills are the tick-to-trade samples.
    private async Task AwaitEventAsync(RunnerTrader trader, ValueTask<RunnerEvents> pending, long started, MarketEvent item)
    {
        var events = await pending;
        _chart.Record(item, trader.Core, events);
        if ((events & RunnerEvents.Filled) != 0)
        {
            HiveMetrics.TickToTradeSince(started, trader.Definition.Symbol);
        }

        if (_events is not null && events != RunnerEvents.None)
        {
            CollectCoreEvents(trader);
        }

        if ((events & SlowPath) != 0 || trader.IsFenced)
        {
            await AfterEventAsync(trader, events);
        }
    }

    private async Task AfterEventAsync(RunnerTrader trader, RunnerEvents events)
    {
        if (trader.IsFenced)
        {
            _stale = true;
            logger.LogWarning("Runner {RunnerId}: the gateway fenced deployment {Deployment} ({Reason}); this activation is stale, stops trading and deactivates",
                RunnerId, trader.Deployment, trader.LastOrderProblem);
            DeactivateOnIdle();
            return;
        }

        if ((events & RunnerEvents.StrategyError) != 0)
        {
            _lastErrorAt = time.GetUtcNow();
            _errorsSeen = trader.Core.ErrorCount;
            HiveMetrics.RunnerError(RunnerId);
            logger.LogWarning("Runner {RunnerId}: strategy error: {Error}{Stopped}", RunnerId, trader.Core.Errors[^1],
                (events & RunnerEvents.Stopped) != 0 ? " (stopped: production policy)" : string.Empty);
        }

        if ((events & PersistOn) != 0)
        {
            await PersistAsync();
        }
    }

    private async Task StartTradingAsync()
    {
        var definition = state.State.Definition!;
        _startError = null;
        try
        {
            var activation = $"{silo.Name}-{Guid.NewGuid().ToString("N")[..8]}";
            var trader = await RunnerTrader.CreateAsync(GrainFactory, definition, state.State.Snapshot?.ToSnapshot(), activation, StrategyCatalog.Default);
            trader.RestoreCounts(state.State.OrdersFilled, state.State.OrdersDenied, state.State.OrdersFenced);
            _paused = state.State.Paused;
            if (state.State.Paused)
            {
                trader.Core.Stop("paused by operator");
            }

            _trader = trader;
            _chart.Attach(trader.Core);
            logger.Describe(RunnerId, definition.Symbol, trader.Deployment.Epoch);
            _errorsSeen = 0;
            if (_events is not null)
            {
                WatchTrader(trader);
            }

            _lastCandleClose = trader.Core.LastTimestamp;
            await AttachAsync(definition.Symbol);

            // Writing at once moves the state's version on: a previous activation still alive somewhere (a
            // partitioned silo) fails its next write and learns that it is stale.
            await PersistAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _trader = null;
            _startError = ex.Message;
            logger.LogError(ex, "Runner {RunnerId} could not start: {Error}", RunnerId, ex.Message);
            return;
        }

        await WakeFeedAsync(definition.Symbol);
    }

    // One subscription per runner and symbol, kept by the stream provider across activations: resume it when it
    // exists, create it otherwise, and drop any extra one an interrupted start may have left.
    private async Task AttachAsync(string symbol)
    {
        var stream = this.GetStreamProvider(MarketStreams.ProviderName).GetStream<MarketEvent>(MarketStreams.For(symbol));
        var handles = await stream.GetAllSubscriptionHandles();
        if (handles.Count == 0)
        {
            await stream.SubscribeAsync(this);
            return;
        }

        await handles[0].ResumeAsync(this);
        for (var i = 1; i < handles.Count; i++)
        {
            await handles[i].UnsubscribeAsync();
        }
    }

    // A feed lost with its silo resumes when something activates it; its runners coming back is that moment.
    private async Task WakeFeedAsync(string symbol)
    {
        try
        {
            using var affinity = PlacementAffinity.ForSymbol(symbol);
            await GrainFactory.GetGrain<IMarketFeedGrain>(symbol).GetStatusAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Runner {RunnerId}: feed {Symbol} not reachable: {Error}", RunnerId, symbol, ex.Message);
        }
    }

    private async Task PersistAsync()
    {
        if (_stale || _removed)
        {
            return;
        }

        if (_trader is { } trader)
        {
            state.State.Snapshot = PersistedRunnerSnapshot.From(trader.Core.CreateSnapshot());
            state.State.OrdersFilled = trader.OrdersFilled;
            state.State.OrdersDenied = trader.GatewayDenials + trader.Core.RiskDenials;
            state.State.OrdersFenced = trader.OrdersFenced;
        }

        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException ex)
        {
            // Another activation wrote the runner's state since this one read it: this one is stale.
            _stale = true;
            logger.LogWarning("Runner {RunnerId}: state was written by a newer activation ({Error}); this activation stops and deactivates", RunnerId, ex.Message);
            DeactivateOnIdle();
        }
    }

    private RunnerEventLog StartLog()
    {
        _events = new RunnerEventLog(EventLogCapacity);
        if (_trader is { } trader)
        {
            WatchTrader(trader);
        }

        return _events;
    }

    // Events the trader reports from now on go to the log; what its core recorded before is not replayed.
    private void WatchTrader(RunnerTrader trader)
    {
        _signalsSeen = trader.Core.Signals.Count;
        _transitionsSeen = trader.Core.StateMachine.TransitionCount;
        _errorsLogged = trader.Core.ErrorCount;
        _loggedHealth = Health(trader);
        trader.Observer = (kind, message, price) =>
        {
            // What the core decided before the order (its signal, its transition) comes first in the log.
            CollectCoreEvents(trader);
            Log(trader, kind, message, price);
        };
    }

    private void CollectCoreEvents(RunnerTrader trader)
    {
        if (_events is null || !ReferenceEquals(trader, _trader))
        {
            return;
        }

        var core = trader.Core;
        var signals = core.Signals;
        for (; _signalsSeen < signals.Count; _signalsSeen++)
        {
            var signal = signals[_signalsSeen];
            var kind = signal.Kind == "risk_denied" ? RunnerEventKind.Denial : RunnerEventKind.Signal;
            Log(trader, kind, signal.Detail is null ? signal.Kind : $"{signal.Kind}: {signal.Detail}", signal.Price);
        }

        var transitions = core.StateMachine.TransitionCount;
        if (transitions > _transitionsSeen)
        {
            var history = core.StateMachine.History;
            var fresh = (int)Math.Min(transitions - _transitionsSeen, history.Count);
            for (var i = history.Count - fresh; i < history.Count; i++)
            {
                var t = history[i];
                Log(trader, RunnerEventKind.Transition, $"{t.From} -> {t.To} ({t.Trigger}{(t.Reason is null ? "" : ": " + t.Reason)})", core.LastPrice);
            }

            _transitionsSeen = transitions;
        }

        if (core.ErrorCount > _errorsLogged)
        {
            var fresh = Math.Min(core.ErrorCount - _errorsLogged, core.Errors.Count);
            for (var i = core.Errors.Count - fresh; i < core.Errors.Count; i++)
            {
                Log(trader, RunnerEventKind.Error, core.Errors[i], core.LastPrice);
            }

            _errorsLogged = core.ErrorCount;
        }

        var health = Health(trader);
        if (health != _loggedHealth)
        {
            _loggedHealth = health;
            Log(trader, RunnerEventKind.Health, $"health {health}{(core.StoppedReason is { } reason ? $" ({reason})" : "")}", core.LastPrice);
        }
    }

    private void Log(RunnerTrader trader, RunnerEventKind kind, string message, double price) =>
        _events?.Add(time.GetUtcNow().ToUnixTimeMilliseconds(), trader.Core.LastTimestamp, kind, message, trader.Core.State, _loggedHealth, price);

    // An operator's action, after what the core recorded before it.
    private void LogOperator(string message)
    {
        if (_events is null)
        {
            return;
        }

        if (_trader is { } trader)
        {
            CollectCoreEvents(trader);
            _loggedHealth = Health(trader);
            _events.Add(time.GetUtcNow().ToUnixTimeMilliseconds(), trader.Core.LastTimestamp,
                message.StartsWith("removed", StringComparison.Ordinal) ? RunnerEventKind.Removed : RunnerEventKind.Health,
                $"{message}; health {_loggedHealth}", trader.Core.State, _loggedHealth, trader.Core.LastPrice);
        }
        else
        {
            var removed = message.StartsWith("removed", StringComparison.Ordinal);
            _events.Add(time.GetUtcNow().ToUnixTimeMilliseconds(), 0, removed ? RunnerEventKind.Removed : RunnerEventKind.Health,
                message, RunnerState.Stopped, removed ? RunnerHealth.Unhealthy : Status().Health, 0);
        }
    }

    private RunnerDefinition RequireDefinition() =>
        state.State.Definition ?? throw new InvalidOperationException($"Runner '{RunnerId}' is not configured; add it through the registry.");

    private RunnerStatus Status()
    {
        var definition = state.State.Definition;
        var trader = _trader;
        if (definition is null || trader is null)
        {
            return new RunnerStatus(
                RunnerId, definition?.Symbol ?? string.Empty, definition?.Strategy ?? string.Empty, RunnerState.Stopped,
                state.State.Paused ? RunnerHealth.Paused : RunnerHealth.Unhealthy, 0, 0, 0, 0, 0, 0,
                state.State.OrdersFilled, state.State.OrdersDenied, state.State.OrdersFenced, 0, 0, _startedAt,
                silo.Name, default, _startError ?? (definition is null ? "not configured" : "not started"), _startError);
        }

        var core = trader.Core;
        var portfolio = core.Portfolio;
        var unrealized = portfolio.Quantity != 0 && core.LastPrice > 0
            ? core.Equity - (portfolio.InitialEquity + portfolio.RealizedPnl)
            : 0m;
        return new RunnerStatus(
            RunnerId,
            definition.Symbol,
            definition.Strategy,
            core.State,
            Health(trader),
            portfolio.Quantity,
            portfolio.AverageEntryPrice,
            portfolio.RealizedPnl,
            unrealized,
            core.Equity,
            core.TradeCount,
            trader.OrdersFilled,
            trader.GatewayDenials + core.RiskDenials,
            trader.OrdersFenced,
            core.BarsProcessed,
            core.LastTimestamp,
            _startedAt,
            silo.Name,
            trader.Deployment,
            _stale ? $"fenced: {trader.LastOrderProblem}" : core.StoppedReason,
            core.Errors.Count == 0 ? null : core.Errors[^1],
            trader.LastOrderProblem,
            _gaps,
            _lastGap);
    }

    private RunnerHealth Health(RunnerTrader trader)
    {
        if (state.State.Paused)
        {
            return RunnerHealth.Paused;
        }

        if (_stale || trader.Core.State == RunnerState.Stopped)
        {
            return RunnerHealth.Unhealthy;
        }

        var now = time.GetUtcNow();
        if (trader.Core.ErrorCount > _errorsSeen || now - _lastErrorAt < RecentErrorWindow || now - _lastDataAt > DataTimeout)
        {
            return RunnerHealth.Degraded;
        }

        return RunnerHealth.Healthy;
    }
}
