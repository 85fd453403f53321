using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using Hive.Runtime.Cluster;
using Hive.Runtime.Core;
using Microsoft.Extensions.Logging;

namespace Hive.Runtime.Streams;

/// <summary>The silo's stream machinery: subscriptions through the pub-sub store, delivery batched per destination silo.</summary>
internal sealed class StreamRuntime
{
    private readonly SiloRuntime _runtime;
    private readonly ConcurrentDictionary<string, IStreamProvider> _providers = new(StringComparer.Ordinal);

    public StreamRuntime(SiloRuntime runtime, IStreamPubSubStore store)
    {
        _runtime = runtime;
        Store = store;
    }

    public IStreamPubSubStore Store { get; }

    public IStreamProvider GetProvider(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return _providers.GetOrAdd(name, static (n, self) => new StreamProvider(n, self), this);
    }

    public static ActivationData CurrentActivation(string operation) =>
        (SynchronizationContext.Current as ActivationSyncContext)?.Activation
            ?? throw new InvalidOperationException($"{operation} must be called on a grain's turn: subscriptions are durable per grain identity.");

    public async Task PublishAsync<T>(StreamId streamId, IReadOnlyList<T> items)
    {
        var subscriptions = await Store.GetSubscriptionsAsync(streamId).ConfigureAwait(false);
        if (subscriptions.Count == 0 || items.Count == 0)
        {
            return;
        }

        List<Task>? local = null;
        Dictionary<SiloAddress, List<(StreamSubscription Subscription, bool PlaceThere)>>? remote = null;
        foreach (var subscription in subscriptions)
        {
            var resolution = await _runtime.ResolveAsync(subscription.Subscriber, placeHere: false).ConfigureAwait(false);
            if (resolution.Activation is { } activation)
            {
                var request = StreamDeliveryRequest.Rent(subscription, items);
                request.Context = RequestContext.Capture();
                if (ActivationData.InlineDepth < 8 && activation.TryEnterInline(request))
                {
                    // The subscriber is idle: deliver on this thread under its turn, as a local grain call does.
                    var delivered = request.RunInline(activation);
                    if (delivered.IsCompletedSuccessfully)
                    {
                        continue;
                    }

                    (local ??= []).Add(delivered.AsTask());
                }
                else
                {
                    (local ??= []).Add(DeliverLocalAsync(request, placeHere: false));
                }
            }
            else
            {
                remote ??= [];
                if (!remote.TryGetValue(resolution.Silo!, out var list))
                {
                    remote[resolution.Silo!] = list = [];
                }

                list.Add((subscription, resolution.PlaceThere));
            }
        }

        if (remote is not null)
        {
            local = SendBatches(streamId, items, remote, local);
        }

        if (local is not null)
        {
            await Task.WhenAll(local).ConfigureAwait(false);
        }
    }

    /// <summary>Serializes the events once and sends one batch per silo; events that cannot be serialized add a failed task instead.</summary>
    private List<Task> SendBatches<T>(StreamId streamId, IReadOnlyList<T> items, Dictionary<SiloAddress, List<(StreamSubscription Subscription, bool PlaceThere)>> remote, List<Task>? local)
    {
        local ??= [];
        byte[] payload;
        try
        {
            payload = SerializeItems(items);
        }
        catch (Exception ex)
        {
            // Local subscribers still get the events; the producer learns that the remote ones could not.
            var type = TypeNames.Of(typeof(T));
            _runtime.Logger.LogWarning(ex, "Silo {Silo} could not serialize events ({Type}) of stream {Stream}", _runtime.Address, type, streamId);
            local.Add(Task.FromException(new GrainCallException($"Events of stream {streamId} (a {type}) cannot be serialized to reach subscribers on other silos: {ex.Message}", ex)));
            return local;
        }

        foreach (var (silo, targets) in remote)
        {
            local.Add(SendBatchAsync(silo, streamId, targets, payload));
        }

        return local;
    }

    public void OnBatchMessage(ref Utf8JsonReader reader, long id)
    {
        var from = SiloAddress.Parse(SiloRuntime.ReadString(ref reader, "from"));
        var streamId = new StreamId(SiloRuntime.ReadString(ref reader, "s"), SiloRuntime.ReadString(ref reader, "sk"));
        SiloRuntime.ReadPropertyName(ref reader, "subs");
        SiloRuntime.Expect(ref reader, JsonTokenType.StartArray);
        var targets = new List<(Guid Id, GrainId Grain, bool PlaceHere)>();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            reader.Read();
            var subscriptionId = reader.GetGuid();
            reader.Read();
            var grain = GrainId.Parse(reader.GetString()!);
            reader.Read();
            var placeHere = reader.GetBoolean();
            reader.Read();
            targets.Add((subscriptionId, grain, placeHere));
        }

        SiloRuntime.ReadPropertyName(ref reader, "items");
        reader.Read();
        var items = JsonElement.ParseValue(ref reader);
        _ = DeliverBatchAsync(from, id, streamId, targets, items);
    }

    private async Task DeliverBatchAsync(SiloAddress from, long id, StreamId streamId, List<(Guid Id, GrainId Grain, bool PlaceHere)> targets, JsonElement items)
    {
        Exception? error = null;
        try
        {
            var batch = new RemoteBatch(items);
            var deliveries = new Task[targets.Count];
            for (var i = 0; i < targets.Count; i++)
            {
                var (subscriptionId, grain, _) = targets[i];
                // The producer picked this silo: activate here unless the directory knows another activation.
                deliveries[i] = DeliverLocalAsync(StreamDeliveryRequest.Rent(new StreamSubscription(subscriptionId, streamId, grain), batch), placeHere: true);
            }

            await Task.WhenAll(deliveries).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _runtime.Logger.LogWarning(ex, "Silo {Silo} failed to deliver a batch of stream {Stream} from {Producer}", _runtime.Address, streamId, from);
            error = ex;
        }

        var ack = new StreamBatchRequest { RemoteRequestId = id, ReplyTo = from };
        _runtime.SendResponse(ack, default, error);
    }

    private Task DeliverLocalAsync(StreamDeliveryRequest request, bool placeHere)
    {
        request.PlaceHere = placeHere;
        var task = request.CreateCompletion();
        _runtime.RegisterPending(request);
        _ = _runtime.DispatchAsync(request);
        return task;
    }

    private byte[] SerializeItems<T>(IReadOnlyList<T> items)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            var info = _runtime.JsonOptions.GetTypeInfo(typeof(T));
            foreach (var item in items)
            {
                JsonSerializer.Serialize(writer, item, info);
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private Task SendBatchAsync(SiloAddress silo, StreamId streamId, List<(StreamSubscription Subscription, bool PlaceThere)> targets, byte[] items)
    {
        var ack = new StreamBatchRequest { Target = targets[0].Subscription.Subscriber };
        var task = ack.CreateCompletion();
        _runtime.RegisterPending(ack);
        ack.SentTo = silo;
        var buffer = new ArrayBufferWriter<byte>(items.Length + 256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("k", (int)MessageKind.StreamBatch);
            writer.WriteNumber("id", ack.PendingId);
            writer.WriteString("from", _runtime.Address.ToString());
            writer.WriteString("s", streamId.Namespace);
            writer.WriteString("sk", streamId.Key);
            writer.WriteStartArray("subs");
            foreach (var (subscription, placeThere) in targets)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(subscription.Id);
                writer.WriteStringValue(subscription.Subscriber.ToString());
                writer.WriteBooleanValue(placeThere);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
            writer.WritePropertyName("items");
            writer.WriteRawValue(items, skipInputValidation: true);
            writer.WriteEndObject();
        }

        try
        {
            _runtime.Transport.Send(silo, buffer.WrittenSpan.ToArray());
        }
        catch (SiloUnavailableException ex)
        {
            _runtime.FailRequest(ack, ex);
        }

        return task;
    }

    internal void LogUndeliverable(GrainId grain, Guid subscriptionId, StreamId streamId) =>
        _runtime.Logger.LogWarning(
            "Grain {Grain} has no observer attached to subscription {Subscription} of stream {Stream}; resubscribe or resume in OnActivateAsync",
            grain,
            subscriptionId,
            streamId);
}
