using System.Collections.Concurrent;
using System.Text.Json;
using Hive.Runtime.Cluster;
using Hive.Runtime.Hosting;
using Hive.Runtime.Invocation;
using Hive.Runtime.Storage;
using Hive.Runtime.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hive.Runtime.Core;

/// <summary>The runtime of one silo: grain calls, activations, routing, cross-silo messages.</summary>
internal sealed partial class SiloRuntime : IMessageReceiver
{
    private const int MaxInlineDepth = 8;
    private const int MaxHops = 4;

    private static long _generations;

    private readonly ConcurrentDictionary<GrainId, ActivationData> _activations = new();
    private readonly ConcurrentDictionary<GrainId, SiloAddress> _locations = new();
    private readonly ConcurrentDictionary<long, GrainRequest> _pending = new();
    private readonly IIncomingGrainCallFilter[] _incoming;
    private readonly IOutgoingGrainCallFilter[] _outgoing;
    private readonly ISiloLoadProvider[] _loadProviders;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly SiloOptions _options;
    private long _nextId;
    private ITimer? _sweepTimer;
    private ITimer? _collectTimer;
    private ITimer? _heartbeatTimer;
    private volatile bool _stopping;
    private TaskCompletionSource? _drained;

    public SiloRuntime(IServiceProvider services, SiloOptions options)
    {
        Services = services;
        _options = options;
        TimeProvider = services.GetService<TimeProvider>() ?? TimeProvider.System;
        Logger = (services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger("Hive.Runtime.Silo");
        var generation = (TimeProvider.GetUtcNow().ToUnixTimeMilliseconds() * 1000) + (Interlocked.Increment(ref _generations) % 1000);
        Address = new SiloAddress(options.Endpoint ?? options.Name, generation);
        Metadata = new SiloMetadata(options.Name, options.Role, new HashSet<string>(options.Tags, StringComparer.Ordinal));
        Directory = services.GetRequiredService<IGrainDirectory>();
        Transport = services.GetRequiredService<IMessageTransport>();
        LoadTable = services.GetRequiredService<ISiloLoadTable>();
        _incoming = [.. services.GetServices<IIncomingGrainCallFilter>()];
        _loadProviders = [.. services.GetServices<ISiloLoadProvider>()];
        _outgoing = [.. services.GetServices<IOutgoingGrainCallFilter>()];
        ReferenceShared = new GrainReferenceShared(this);
        GrainFactory = new GrainFactory(ReferenceShared);
        var factory = GrainFactory;
        JsonOptions = SerializerOptionsFactory.Create(options.AllowReflectionSerialization, () => factory);
        Membership = new MembershipService(this, services.GetRequiredService<IMembershipTable>());
        Placement = new PlacementService(this, services);
        Streams = new StreamRuntime(this, services.GetRequiredService<IStreamPubSubStore>());
    }

    public IServiceProvider Services { get; }

    public TimeProvider TimeProvider { get; }

    public ILogger Logger { get; }

    public SiloAddress Address { get; }

    public SiloMetadata Metadata { get; }

    public IGrainDirectory Directory { get; }

    public IMessageTransport Transport { get; }

    public ISiloLoadTable LoadTable { get; }

    public JsonSerializerOptions JsonOptions { get; }

    public GrainReferenceShared ReferenceShared { get; }

    public GrainFactory GrainFactory { get; }

    public MembershipService Membership { get; }

    public PlacementService Placement { get; }

    public StreamRuntime Streams { get; }

    public CancellationToken ShutdownToken => _shutdown.Token;

    public bool HasIncomingFilters => _incoming.Length != 0;

    public bool IsKilled { get; private set; }

    public bool IsStopping => _stopping;

    public int ActivationCount => _activations.Count;

    public IEnumerable<ActivationData> Activations => _activations.Values;

    public bool TryGetActivation(GrainId grainId, out ActivationData? activation) =>
        _activations.TryGetValue(grainId, out activation) && activation.State != ActivationState.Invalid;

    public ValueTask<TResult> InvokeAsync<TResult>(GrainReference target, GrainRequest<TResult> request)
    {
        request.Target = target.GrainId;
        request.Context = RequestContext.Capture();
        return _outgoing.Length != 0 ? InvokeWithOutgoingFiltersAsync(target, request) : InvokeUnfiltered(target, request);
    }

    public ValueTask<TResult> InvokeUnfiltered<TResult>(GrainReference target, GrainRequest<TResult> request)
    {
        var activation = target.CachedActivation;
        if (activation is null || !activation.IsValid)
        {
            activation = _activations.TryGetValue(target.GrainId, out var found) && found.IsValid ? found : null;
            target.CachedActivation = activation;
        }

        if (activation is not null && !request.IsOneWay && ActivationData.InlineDepth < MaxInlineDepth && activation.TryEnterInline(request))
        {
            return request.RunInline(activation);
        }

        if (request.IsOneWay)
        {
            _ = DispatchAsync(request);
            return default;
        }

        var task = request.CreateCompletion();
        RegisterPending(request);
        if (activation is null || !activation.Enqueue(request))
        {
            _ = DispatchAsync(request);
        }

        return new ValueTask<TResult>(task);
    }

    public void RegisterPending(GrainRequest request)
    {
        var timeout = request.ResponseTimeout ?? _options.DefaultResponseTimeout;
        request.PendingId = Interlocked.Increment(ref _nextId);
        request.Deadline = TimeProvider.GetTimestamp() + (long)(timeout.TotalSeconds * TimeProvider.TimestampFrequency);
        _pending[request.PendingId] = request;
    }

    public void RemovePending(GrainRequest request)
    {
        if (request.PendingId != 0)
        {
            _pending.TryRemove(request.PendingId, out _);
        }
    }

    public void FailRequest(GrainRequest request, Exception exception)
    {
        RemovePending(request);
        if (!request.IsAwaitedLocally && request.ReplyTo is null)
        {
            Logger.LogWarning(exception, "One-way call {Call} failed", request.Describe());
            return;
        }

        request.Fail(exception);
    }

    public void OnOneWayFailed(GrainRequest request, Exception exception) =>
        Logger.LogWarning(exception, "Call {Call} without a waiting caller failed", request.Describe());

    public void Redispatch(GrainRequest request) => _ = DispatchAsync(request);

    public async Task DispatchAsync(GrainRequest request)
    {
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                var resolution = await ResolveAsync(request.Target, request.PlaceHere).ConfigureAwait(false);
                if (resolution.Activation is not null)
                {
                    if (resolution.Activation.Enqueue(request))
                    {
                        return;
                    }

                    if (attempt > 100)
                    {
                        throw new InvalidOperationException($"Grain {request.Target} keeps deactivating; {request.Describe()} was not delivered.");
                    }

                    continue;
                }

                SendRequest(resolution.Silo!, request, resolution.PlaceThere);
                return;
            }
        }
        catch (Exception ex)
        {
            FailRequest(request, ex);
        }
    }

    public async ValueTask<Resolution> ResolveAsync(GrainId grainId, bool placeHere)
    {
        var classInfo = GrainTypeRegistry.FindClass(grainId.Type)
            ?? throw new GrainCallException($"Unknown grain type '{grainId.Type}' in grain ID {grainId}: no grain class with that type name is registered.");
        placeHere &= !_stopping;
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            if (_activations.TryGetValue(grainId, out var local))
            {
                if (local.State != ActivationState.Invalid)
                {
                    return new Resolution(local, null, false);
                }

                // The old activation is unregistering; wait for it to leave so the directory stays single-activation.
                await Task.Yield();
                continue;
            }

            if (!placeHere && _locations.TryGetValue(grainId, out var cached))
            {
                if (Membership.IsUsable(cached))
                {
                    return new Resolution(null, cached, false);
                }

                _locations.TryRemove(grainId, out _);
            }

            var entry = await Directory.LookupAsync(grainId).ConfigureAwait(false);
            if (entry is not null)
            {
                if (entry.Silo == Address)
                {
                    var activation = TryCreateActivation(grainId, classInfo);
                    if (activation is not null)
                    {
                        return new Resolution(activation, null, false);
                    }

                    continue;
                }

                if (Membership.IsUsable(entry.Silo))
                {
                    _locations[grainId] = entry.Silo;
                    return new Resolution(null, entry.Silo, false);
                }

                if (Membership.IsDead(entry.Silo))
                {
                    await Directory.UnregisterAsync(entry).ConfigureAwait(false);
                }

                continue;
            }

            var target = placeHere ? Address : await Placement.PlaceAsync(grainId, classInfo).ConfigureAwait(false);
            if (target != Address)
            {
                return new Resolution(null, target, true);
            }

            var winner = await Directory.RegisterAsync(new GrainAddress(grainId, Address)).ConfigureAwait(false);
            if (winner.Silo == Address)
            {
                var activation = TryCreateActivation(grainId, classInfo);
                if (activation is not null)
                {
                    return new Resolution(activation, null, false);
                }

                continue;
            }

            if (!Membership.IsDead(winner.Silo))
            {
                _locations[grainId] = winner.Silo;
                return new Resolution(null, winner.Silo, false);
            }

            await Directory.UnregisterAsync(winner).ConfigureAwait(false);
        }

        throw new InvalidOperationException($"Silo {Address} could not locate or place grain {grainId}.");
    }

    public async Task OnActivationGoneAsync(ActivationData activation)
    {
        try
        {
            if (!IsKilled)
            {
                await Directory.UnregisterAsync(new GrainAddress(activation.GrainId, Address)).ConfigureAwait(false);
            }
        }
        finally
        {
            _activations.TryRemove(new KeyValuePair<GrainId, ActivationData>(activation.GrainId, activation));
            PublishLoad();
            if (_activations.IsEmpty)
            {
                _drained?.TrySetResult();
            }
        }
    }

    public IGrainStorage GetStorage(string? storageName, GrainId grainId)
    {
        var name = storageName ?? HiveSiloBuilder.DefaultStorageName;
        return Services.GetKeyedService<IGrainStorage>(name)
            ?? throw new InvalidOperationException(
                $"Grain {grainId} asks for storage provider '{name}', which is not registered in silo {Metadata.Name}. Register it with AddMemoryGrainStorage or AddFileGrainStorage.");
    }

    public SiloLoad CurrentLoad()
    {
        var load = new SiloLoad { ActivationCount = _activations.Count };
        foreach (var provider in _loadProviders)
        {
            load = provider.Complete(load);
        }

        return load;
    }

    public void PublishLoad() => LoadTable.Publish(Address, CurrentLoad());

    public async Task OnSilosDeadAsync(IReadOnlyCollection<SiloAddress> dead)
    {
        await Directory.UnregisterSilosAsync(dead).ConfigureAwait(false);
        foreach (var location in _locations)
        {
            if (dead.Contains(location.Value))
            {
                _locations.TryRemove(location);
            }
        }

        foreach (var pending in _pending)
        {
            if (pending.Value.SentTo is { } target && dead.Contains(target) && _pending.TryRemove(pending.Key, out var request))
            {
                request.Fail(new SiloUnavailableException($"Silo {target} died while {request.Describe()} was in flight."));
            }
        }
    }

    private ActivationData? TryCreateActivation(GrainId grainId, GrainClassInfo classInfo)
    {
        if (_stopping)
        {
            throw new SiloUnavailableException($"Silo {Address} is shutting down and does not activate grain {grainId}.");
        }

        if (_activations.TryGetValue(grainId, out var existing))
        {
            return existing.State == ActivationState.Invalid ? null : existing;
        }

        var created = new ActivationData(this, grainId, classInfo);
        if (_activations.TryAdd(grainId, created))
        {
            created.StartInitialization();
            PublishLoad();
            return created;
        }

        return null;
    }

    private void SweepTimeouts()
    {
        var now = TimeProvider.GetTimestamp();
        foreach (var pending in _pending)
        {
            if (now >= pending.Value.Deadline && _pending.TryRemove(pending.Key, out var request))
            {
                var timeout = request.ResponseTimeout ?? _options.DefaultResponseTimeout;
                request.Fail(new TimeoutException(
                    $"Response did not arrive on time: {request.Describe()} exceeded its response timeout of {timeout:c}."));
            }
        }
    }

    private void CollectIdle()
    {
        var now = TimeProvider.GetTimestamp();
        foreach (var activation in _activations.Values)
        {
            activation.TryCollectIdle(now, _options.CollectionAge);
        }
    }
}
