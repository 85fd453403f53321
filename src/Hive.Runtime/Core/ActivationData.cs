using Hive.Runtime.Invocation;
using Hive.Runtime.Storage;
using Microsoft.Extensions.Logging;

namespace Hive.Runtime.Core;

/// <summary>
/// One activation of a grain and its turn-based scheduler: a work queue of continuations and requests drained by at
/// most one thread at a time (no thread per grain). A non-reentrant activation starts a request only when no other
/// non-interleaving request is in flight, including while that one awaits.
/// </summary>
internal sealed class ActivationData : IThreadPoolWorkItem
{
    private const int MaxItemsPerTurn = 128;

    [ThreadStatic]
    internal static ActivationData? Constructing;

    [ThreadStatic]
    internal static int InlineDepth;

    private readonly Lock _lock = new();
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _continuations = new();
    private readonly Queue<GrainRequest> _ready = new();
    private readonly Queue<GrainRequest> _waiting = new();
    private readonly List<GrainTimer> _timers = [];
    private readonly List<IPersistentStateLoader> _states = [];
    private int _running;
    private int _runningBlocking;
    private bool _executing;
    private bool _scheduled;
    private volatile ActivationState _state = ActivationState.Creating;
    private bool _deactivateWhenIdle;
    private bool _deactivationQueued;
    private DeactivationReason _deactivationReason;
    private long _lastActivity;
    private long _keepAliveUntil;

    public ActivationData(SiloRuntime runtime, GrainId grainId, GrainClassInfo classInfo)
    {
        Runtime = runtime;
        GrainId = grainId;
        ClassInfo = classInfo;
        SyncContext = new ActivationSyncContext(this);
        _lastActivity = runtime.TimeProvider.GetTimestamp();
    }

    public SiloRuntime Runtime { get; }

    public GrainId GrainId { get; }

    public GrainClassInfo ClassInfo { get; }

    public ActivationSyncContext SyncContext { get; }

    public Grain? GrainInstance { get; private set; }

    public bool IsValid => _state == ActivationState.Valid;

    public ActivationState State => _state;

    public Dictionary<Guid, object> StreamObservers { get; } = [];

    /// <summary>Requests queued and not started (for diagnostics and tests).</summary>
    public int QueuedRequestCount
    {
        get
        {
            lock (_lock)
            {
                return _ready.Count + _waiting.Count;
            }
        }
    }

    public void Post(SendOrPostCallback callback, object? state)
    {
        lock (_lock)
        {
            _continuations.Enqueue((callback, state));
            ScheduleIfNeededNoLock();
        }
    }

    /// <summary>Queues a request; false when the activation is gone (the caller routes the request again).</summary>
    public bool Enqueue(GrainRequest request)
    {
        lock (_lock)
        {
            if (_state == ActivationState.Invalid)
            {
                return false;
            }

            (IsInterleaving(request) ? _ready : _waiting).Enqueue(request);
            ScheduleIfNeededNoLock();
            return true;
        }
    }

    public bool TryEnterInline(GrainRequest request)
    {
        lock (_lock)
        {
            if (_executing || _scheduled || _state != ActivationState.Valid || _continuations.Count != 0 || _ready.Count != 0
                || _waiting.Count != 0 || (_runningBlocking != 0 && !IsInterleaving(request)))
            {
                return false;
            }

            _executing = true;
            OnStartNoLock(request);
            return true;
        }
    }

    public void ExitInline(GrainRequest request, bool requestDone)
    {
        lock (_lock)
        {
            _executing = false;
            if (requestDone)
            {
                OnCompletedNoLock(request);
            }

            ScheduleIfNeededNoLock();
        }
    }

    public void OnRequestCompleted(GrainRequest request)
    {
        lock (_lock)
        {
            OnCompletedNoLock(request);
            ScheduleIfNeededNoLock();
        }
    }

    public void Execute()
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(SyncContext);
        lock (_lock)
        {
            _executing = true;
        }

        try
        {
            for (var i = 0; i < MaxItemsPerTurn; i++)
            {
                SendOrPostCallback? callback = null;
                object? state = null;
                GrainRequest? request = null;
                lock (_lock)
                {
                    if (_continuations.TryDequeue(out var continuation))
                    {
                        (callback, state) = continuation;
                    }
                    else if (!TryTakeRequestNoLock(out request))
                    {
                        _executing = false;
                        _scheduled = false;
                        return;
                    }
                }

                if (callback is not null)
                {
                    try
                    {
                        callback(state);
                    }
                    catch (Exception ex)
                    {
                        Runtime.Logger.LogError(ex, "Unhandled exception in a continuation of grain {GrainId}", GrainId);
                    }
                }
                else
                {
                    try
                    {
                        request!.Execute(this);
                    }
                    catch (Exception ex)
                    {
                        // This is a thread-pool work item: an exception escaping it would end the process.
                        Runtime.Logger.LogError(ex, "Unhandled exception completing {Call}", request!.Describe());
                    }
                }
            }

            lock (_lock)
            {
                _executing = false;
                _scheduled = false;
                ScheduleIfNeededNoLock();
            }
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    public void StartInitialization() => Post(static s => _ = ((ActivationData)s!).InitializeAsync(), this);

    public void DeactivateOnIdle()
    {
        lock (_lock)
        {
            _deactivateWhenIdle = true;
            if (_running == 0)
            {
                StartDeactivationNoLock(DeactivationReason.ApplicationRequested);
            }
        }
    }

    public void StartDeactivation(DeactivationReason reason)
    {
        lock (_lock)
        {
            StartDeactivationNoLock(reason);
        }
    }

    public void DelayDeactivation(TimeSpan timeSpan)
    {
        var until = Runtime.TimeProvider.GetTimestamp() + (long)(timeSpan.TotalSeconds * Runtime.TimeProvider.TimestampFrequency);
        Interlocked.Exchange(ref _keepAliveUntil, until);
    }

    public bool TryCollectIdle(long now, TimeSpan age)
    {
        lock (_lock)
        {
            if (_state != ActivationState.Valid || ClassInfo.KeepAlive || _running != 0 || _ready.Count != 0 || _waiting.Count != 0
                || now < _keepAliveUntil)
            {
                return false;
            }

            var idle = TimeSpan.FromSeconds((now - _lastActivity) / (double)Runtime.TimeProvider.TimestampFrequency);
            if (idle < (ClassInfo.CollectionAge ?? age))
            {
                return false;
            }

            StartDeactivationNoLock(DeactivationReason.ActivationIdle);
            return true;
        }
    }

    public IGrainTimer RegisterTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        var timer = new GrainTimer(this, callback, options);
        lock (_lock)
        {
            if (_state is ActivationState.Deactivating or ActivationState.Invalid)
            {
                throw new InvalidOperationException($"Grain {GrainId} is deactivating; it cannot register timers.");
            }

            _timers.Add(timer);
        }

        timer.Start();
        return timer;
    }

    public void RemoveTimer(GrainTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    public IPersistentState<TState> CreatePersistentState<TState>(string stateName, string? storageName)
        where TState : new()
    {
        var state = new PersistentState<TState>(stateName, GrainId, Runtime.GetStorage(storageName, GrainId), Runtime.JsonOptions);
        _states.Add(state);
        return state;
    }

    /// <summary>Drops the activation without callbacks (its silo was killed).</summary>
    public void Abandon()
    {
        lock (_lock)
        {
            _state = ActivationState.Invalid;
            _continuations.Clear();
            _ready.Clear();
            _waiting.Clear();
            foreach (var timer in _timers)
            {
                timer.Stop();
            }

            _timers.Clear();
        }
    }

    private async Task InitializeAsync()
    {
        try
        {
            Constructing = this;
            try
            {
                GrainInstance = ClassInfo.Create(new GrainActivationContext(this));
            }
            finally
            {
                Constructing = null;
            }

            foreach (var state in _states)
            {
                await state.LoadAsync(Runtime.ShutdownToken);
            }

            await GrainInstance.OnActivateAsync(Runtime.ShutdownToken);
            lock (_lock)
            {
                if (_state == ActivationState.Creating)
                {
                    _state = ActivationState.Valid;
                }

                _lastActivity = Runtime.TimeProvider.GetTimestamp();
                ScheduleIfNeededNoLock();
            }
        }
        catch (Exception ex)
        {
            Runtime.Logger.LogWarning(ex, "Activation of grain {GrainId} failed", GrainId);
            List<GrainRequest> failed;
            lock (_lock)
            {
                _state = ActivationState.Invalid;
                failed = [.. _ready, .. _waiting];
                _ready.Clear();
                _waiting.Clear();
            }

            await Runtime.OnActivationGoneAsync(this);
            foreach (var request in failed)
            {
                Runtime.FailRequest(request, ex);
            }
        }
    }

    private async Task DeactivateAsync()
    {
        List<GrainTimer> timers;
        lock (_lock)
        {
            timers = [.. _timers];
            _timers.Clear();
        }

        foreach (var timer in timers)
        {
            timer.Stop();
        }

        if (GrainInstance is not null)
        {
            try
            {
                await GrainInstance.OnDeactivateAsync(_deactivationReason, CancellationToken.None);
            }
            catch (Exception ex)
            {
                Runtime.Logger.LogWarning(ex, "OnDeactivateAsync of grain {GrainId} threw", GrainId);
            }
        }

        List<GrainRequest> leftovers;
        lock (_lock)
        {
            _state = ActivationState.Invalid;
            leftovers = [.. _ready, .. _waiting];
            _ready.Clear();
            _waiting.Clear();
        }

        await Runtime.OnActivationGoneAsync(this);
        foreach (var request in leftovers)
        {
            Runtime.Redispatch(request);
        }
    }

    private bool IsInterleaving(GrainRequest request) => ClassInfo.IsReentrant || request.IsAlwaysInterleave;

    private bool TryTakeRequestNoLock(out GrainRequest? request)
    {
        request = null;
        if (_state != ActivationState.Valid)
        {
            return false;
        }

        if (_ready.Count != 0)
        {
            request = _ready.Dequeue();
        }
        else if (_waiting.Count != 0 && _runningBlocking == 0)
        {
            request = _waiting.Dequeue();
        }
        else
        {
            return false;
        }

        OnStartNoLock(request);
        return true;
    }

    private void OnStartNoLock(GrainRequest request)
    {
        _running++;
        if (!IsInterleaving(request))
        {
            _runningBlocking++;
        }

        if (request.CountsAsActivity)
        {
            _lastActivity = Runtime.TimeProvider.GetTimestamp();
        }
    }

    private void OnCompletedNoLock(GrainRequest request)
    {
        _running--;
        if (!IsInterleaving(request))
        {
            _runningBlocking--;
        }

        if (_running == 0)
        {
            if (_deactivateWhenIdle)
            {
                StartDeactivationNoLock(DeactivationReason.ApplicationRequested);
            }

            if (_state == ActivationState.Deactivating)
            {
                QueueDeactivationNoLock();
            }
        }
    }

    private void StartDeactivationNoLock(DeactivationReason reason)
    {
        if (_state != ActivationState.Valid)
        {
            return;
        }

        _state = ActivationState.Deactivating;
        _deactivationReason = reason;
        if (_running == 0)
        {
            QueueDeactivationNoLock();
        }
    }

    private void QueueDeactivationNoLock()
    {
        if (_deactivationQueued)
        {
            return;
        }

        _deactivationQueued = true;
        _continuations.Enqueue((static s => _ = ((ActivationData)s!).DeactivateAsync(), this));
        ScheduleIfNeededNoLock();
    }

    private void ScheduleIfNeededNoLock()
    {
        if (_executing || _scheduled)
        {
            return;
        }

        var runnable = _continuations.Count != 0
            || (_state == ActivationState.Valid && (_ready.Count != 0 || (_waiting.Count != 0 && _runningBlocking == 0)));
        if (runnable)
        {
            _scheduled = true;
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }
}
