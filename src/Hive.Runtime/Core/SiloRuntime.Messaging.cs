using System.Buffers;
using System.Text.Json;
using Hive.Runtime.Cluster;
using Hive.Runtime.Invocation;
using Hive.Runtime.Placement;
using Hive.Runtime.Storage;
using Microsoft.Extensions.Logging;

namespace Hive.Runtime.Core;

/// <summary>
/// The message envelope, as UTF-8 JSON with fields in a fixed order:
/// <c>k</c> kind, <c>id</c> request id, <c>from</c> reply-to silo, <c>g</c> target grain, <c>i</c> interface, <c>m</c> method id,
/// <c>h</c> hops, <c>p</c> place-here flag, <c>c</c> RequestContext, <c>a</c> arguments; responses carry <c>r</c> (result)
/// or <c>t</c>/<c>msg</c> (exception type and message).
/// </summary>
internal sealed partial class SiloRuntime
{
    public void SendRequest(SiloAddress target, GrainRequest request, bool placeThere)
    {
        if (request.Hops >= MaxHops)
        {
            FailRequest(request, new InvalidOperationException($"{request.Describe()} was forwarded {request.Hops} times without finding the activation."));
            return;
        }

        byte[] message;
        try
        {
            message = WriteRequest(request, placeThere);
        }
        catch (Exception ex)
        {
            // Any exception of a converter, getter or the writer: the call fails, the caller's thread goes on.
            var failure = new GrainCallException($"Arguments of {request.Describe()} cannot be serialized to cross silos: {DescribeArgumentFailure(request)}{ex.Message}", ex);
            Logger.LogWarning(ex, "Silo {Silo} could not serialize the arguments of {Call}", Address, request.Describe());
            FailRequest(request, failure);
            return;
        }

        request.SentTo = target;
        try
        {
            Transport.Send(target, message);
        }
        catch (SiloUnavailableException ex)
        {
            _locations.TryRemove(request.Target, out _);
            FailRequest(request, ex);
        }
    }

    /// <summary>
    /// Sends the response of a request from another silo. Never throws: it runs at the end of a turn on a thread-pool
    /// thread, where an exception would end the process. A result that cannot be serialized becomes an error response.
    /// </summary>
    public void SendResponse<TResult>(GrainRequest<TResult> request, TResult? result, Exception? error)
    {
        byte[] message;
        try
        {
            message = WriteResponseMessage(request, result, error);
        }
        catch (Exception ex)
        {
            Logger.LogError(ex, "Silo {Silo} could not write the response of {Call} for {Caller}; the caller waits until its timeout", Address, request.Describe(), request.ReplyTo);
            return;
        }

        TrySend(request.ReplyTo!, message, request);
    }

    private byte[] WriteResponseMessage<TResult>(GrainRequest<TResult> request, TResult? result, Exception? error)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            try
            {
                WriteResponse(writer, request, result, error);
            }
            catch (Exception ex)
            {
                var type = TypeNames.Of(result?.GetType() ?? typeof(TResult));
                Logger.LogError(ex, "Silo {Silo} could not serialize the result ({Type}) of {Call}; the caller receives an error", Address, type, request.Describe());
                writer.Reset();
                buffer.Clear();
                WriteResponse(writer, request, default, new GrainCallException($"Result of {request.Describe()} (a {type}) cannot be serialized to cross silos: {ex.Message}", ex));
            }
        }

        return buffer.WrittenSpan.ToArray();
    }

    private void TrySend(SiloAddress target, byte[] message, GrainRequest? request)
    {
        try
        {
            Transport.Send(target, message);
        }
        catch (SiloUnavailableException ex)
        {
            Logger.LogDebug(ex, "Response of {Call} could not reach {Silo}", request?.Describe() ?? "a request", target);
        }
        catch (Exception ex)
        {
            Logger.LogError(ex, "Silo {Silo} could not send the response of {Call} to {Target}", Address, request?.Describe() ?? "a request", target);
        }
    }

    /// <summary>Error path only: finds the first argument that cannot be serialized on its own, e.g. "argument #1 (Payload): ".</summary>
    private string DescribeArgumentFailure(GrainRequest request)
    {
        try
        {
            for (var i = 0; i < request.ArgumentCount; i++)
            {
                if (request.GetArgument(i) is not { } value || !JsonOptions.TryGetTypeInfo(value.GetType(), out var info))
                {
                    continue;
                }

                try
                {
                    _ = JsonSerializer.SerializeToUtf8Bytes(value, info);
                }
                catch (Exception)
                {
                    return $"argument #{i} ({TypeNames.Of(value.GetType())}): ";
                }
            }
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or NotSupportedException)
        {
            // Requests without inspectable arguments: the message names the call only.
        }

        return string.Empty;
    }

    public void OnMessage(byte[] message)
    {
        try
        {
            ReadMessage(message);
        }
        catch (Exception ex)
        {
            Logger.LogError(ex, "Silo {Silo} dropped a malformed message", Address);
        }
    }

    private void WriteResponse<TResult>(Utf8JsonWriter writer, GrainRequest<TResult> request, TResult? result, Exception? error)
    {
        writer.WriteStartObject();
        writer.WriteNumber("k", (int)(error is null ? MessageKind.Response : MessageKind.Error));
        writer.WriteNumber("id", request.RemoteRequestId);
        if (error is null)
        {
            writer.WritePropertyName("r");
            if (typeof(TResult) == typeof(VoidResult))
            {
                writer.WriteNullValue();
            }
            else
            {
                request.WriteResult(writer, result, JsonOptions);
            }
        }
        else
        {
            writer.WriteString("t", error.GetType().FullName);
            writer.WriteString("msg", error.Message);
        }

        writer.WriteEndObject();
    }

    private byte[] WriteRequest(GrainRequest request, bool placeThere)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            var awaited = request.IsAwaitedLocally;
            var kind = awaited || request.ReplyTo is not null ? MessageKind.Request : MessageKind.OneWay;
            writer.WriteStartObject();
            writer.WriteNumber("k", (int)kind);
            writer.WriteNumber("id", awaited ? request.PendingId : request.RemoteRequestId);
            writer.WriteString("from", (awaited ? Address : request.ReplyTo ?? Address).ToString());
            writer.WriteString("g", request.Target.ToString());
            writer.WriteString("i", request.InterfaceName);
            writer.WriteNumber("m", request.MethodId);
            writer.WriteNumber("h", request.Hops + 1);
            writer.WriteBoolean("p", placeThere);
            if (request.Context is { Count: > 0 } context)
            {
                writer.WriteStartObject("c");
                foreach (var pair in context)
                {
                    writer.WriteString(pair.Key, pair.Value);
                }

                writer.WriteEndObject();
            }

            writer.WritePropertyName("a");
            request.WriteArguments(writer, JsonOptions);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private void ReadMessage(byte[] message)
    {
        var reader = new Utf8JsonReader(message);
        Expect(ref reader, JsonTokenType.StartObject);
        var kind = (MessageKind)ReadInt(ref reader, "k");
        var id = ReadLong(ref reader, "id");
        switch (kind)
        {
            case MessageKind.Request:
            case MessageKind.OneWay:
                ReadRequest(ref reader, kind, id);
                break;
            case MessageKind.Response:
            {
                if (!_pending.TryRemove(id, out var pending))
                {
                    return;
                }

                ReadPropertyName(ref reader, "r");
                reader.Read();
                try
                {
                    pending.CompleteFromResponse(ref reader, JsonOptions);
                }
                catch (Exception ex)
                {
                    Logger.LogWarning(ex, "Silo {Silo} could not deserialize the result of {Call}", Address, pending.Describe());
                    pending.Fail(new GrainCallException($"Result of {pending.Describe()} could not be deserialized as {TypeNames.Of(pending.ResultType)} on silo {Address}: {ex.Message}", ex));
                }

                break;
            }

            case MessageKind.Error:
            {
                var type = ReadString(ref reader, "t");
                var text = ReadString(ref reader, "msg");
                if (_pending.TryRemove(id, out var pending))
                {
                    pending.Fail(RebuildException(type, text));
                }

                break;
            }

            case MessageKind.StreamBatch:
                Streams.OnBatchMessage(ref reader, id);
                break;
            default:
                throw new JsonException($"Unknown message kind {(int)kind}.");
        }
    }

    private void ReadRequest(ref Utf8JsonReader reader, MessageKind kind, long id)
    {
        var from = SiloAddress.Parse(ReadString(ref reader, "from"));
        var target = GrainId.Parse(ReadString(ref reader, "g"));
        var interfaceName = ReadString(ref reader, "i");
        var methodId = ReadInt(ref reader, "m");
        var hops = ReadInt(ref reader, "h");
        var placeHere = ReadBool(ref reader, "p");
        reader.Read();
        System.Collections.Immutable.ImmutableDictionary<string, string>? context = null;
        if (reader.ValueTextEquals("c"))
        {
            var builder = System.Collections.Immutable.ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            Expect(ref reader, JsonTokenType.StartObject);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString()!;
                reader.Read();
                builder[key] = reader.GetString()!;
            }

            context = builder.ToImmutable();
            reader.Read();
        }

        if (!reader.ValueTextEquals("a"))
        {
            throw new JsonException("Request message has no arguments field 'a'.");
        }

        var info = GrainTypeRegistry.FindInterface(interfaceName);
        if (info is null || methodId < 0 || methodId >= info.CreateRequest.Count)
        {
            if (kind == MessageKind.Request)
            {
                var error = new GrainCallException($"Silo {Address} does not know grain interface {interfaceName} method #{methodId}.");
                TrySend(from, ErrorMessage(id, error), null);
            }

            return;
        }

        var request = info.CreateRequest[methodId]();
        request.Target = target;
        try
        {
            reader.Read();
            request.ReadArguments(ref reader, JsonOptions);
        }
        catch (Exception ex)
        {
            // A converter or setter that throws fails this call only; the caller learns why instead of timing out.
            var failure = new GrainCallException($"Arguments of {request.Describe()} could not be deserialized on silo {Address}: {ex.Message}", ex);
            Logger.LogError(ex, "Silo {Silo} could not deserialize the arguments of {Call} from {Caller}", Address, request.Describe(), from);
            if (kind == MessageKind.Request)
            {
                TrySend(from, ErrorMessage(id, failure), request);
            }

            return;
        }

        request.Context = context;
        request.Hops = hops;
        request.PlaceHere = placeHere;
        request.ReceivedBy = this;
        if (kind == MessageKind.Request)
        {
            request.ReplyTo = from;
            request.RemoteRequestId = id;
        }

        _ = DispatchAsync(request);
    }

    private static byte[] ErrorMessage(long id, Exception error)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("k", (int)MessageKind.Error);
            writer.WriteNumber("id", id);
            writer.WriteString("t", error.GetType().FullName);
            writer.WriteString("msg", error.Message);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static Exception RebuildException(string type, string message) => type switch
    {
        "System.TimeoutException" => new TimeoutException(message),
        "System.InvalidOperationException" => new InvalidOperationException(message),
        "System.ArgumentException" => new ArgumentException(message),
        "System.ArgumentNullException" => new ArgumentNullException(null, message),
        "System.ArgumentOutOfRangeException" => new ArgumentOutOfRangeException(null, message),
        "System.NotSupportedException" => new NotSupportedException(message),
        "System.OperationCanceledException" or "System.Threading.Tasks.TaskCanceledException" => new OperationCanceledException(message),
        "System.Collections.Generic.KeyNotFoundException" => new KeyNotFoundException(message),
        "Hive.Runtime.Storage.InconsistentStateException" => new InconsistentStateException(message),
        "Hive.Runtime.Placement.PlacementException" => new PlacementException(message),
        "Hive.Runtime.GrainCallException" => new GrainCallException(message),
        "Hive.Runtime.SiloUnavailableException" => new SiloUnavailableException(message),
        _ => new RemoteGrainException(type, message),
    };

    internal static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (!reader.Read() || reader.TokenType != token)
        {
            throw new JsonException($"Expected {token} in message, found {reader.TokenType}.");
        }
    }

    internal static void ReadPropertyName(ref Utf8JsonReader reader, string name)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals(name))
        {
            throw new JsonException($"Expected field '{name}' in message.");
        }
    }

    internal static string ReadString(ref Utf8JsonReader reader, string name)
    {
        ReadPropertyName(ref reader, name);
        reader.Read();
        return reader.GetString() ?? throw new JsonException($"Field '{name}' is null.");
    }

    internal static int ReadInt(ref Utf8JsonReader reader, string name)
    {
        ReadPropertyName(ref reader, name);
        reader.Read();
        return reader.GetInt32();
    }

    internal static long ReadLong(ref Utf8JsonReader reader, string name)
    {
        ReadPropertyName(ref reader, name);
        reader.Read();
        return reader.GetInt64();
    }

    private static bool ReadBool(ref Utf8JsonReader reader, string name)
    {
        ReadPropertyName(ref reader, name);
        reader.Read();
        return reader.GetBoolean();
    }
}
