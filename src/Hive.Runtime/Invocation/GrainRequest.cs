using System.Collections.Immutable;
using System.ComponentModel;
using System.Text.Json;
using Hive.Runtime.Cluster;
using Hive.Runtime.Core;

namespace Hive.Runtime.Invocation;

/// <summary>
/// One call of one grain method: the generated invoker of the method derives from <see cref="GrainRequest{TResult}"/>,
/// holds the arguments in fields (local calls pass them without copying) and serializes them for cross-silo calls.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class GrainRequest
{
    /// <summary>Full name of the grain interface.</summary>
    public abstract string InterfaceName { get; }

    /// <summary>Method name.</summary>
    public abstract string MethodName { get; }

    /// <summary>Index of the method in its interface (declaration order, inherited grain interfaces excluded).</summary>
    public abstract int MethodId { get; }

    /// <summary>True for <see cref="OneWayAttribute"/> methods.</summary>
    public virtual bool IsOneWay => false;

    /// <summary>True for <see cref="AlwaysInterleaveAttribute"/> methods.</summary>
    public virtual bool IsAlwaysInterleave => false;

    /// <summary>The <see cref="ResponseTimeoutAttribute"/> override, or null for the silo default.</summary>
    public virtual TimeSpan? ResponseTimeout => null;

    /// <summary>Number of arguments.</summary>
    public abstract int ArgumentCount { get; }

    /// <summary>Argument <paramref name="index"/>, boxed.</summary>
    public abstract object? GetArgument(int index);

    /// <summary>Writes the arguments as a JSON array.</summary>
    public abstract void WriteArguments(Utf8JsonWriter writer, JsonSerializerOptions options);

    /// <summary>Reads the arguments from a JSON array; the reader is on the array's start token and ends on its end token.</summary>
    public abstract void ReadArguments(ref Utf8JsonReader reader, JsonSerializerOptions options);

    /// <summary>Clears the arguments and returns the instance to its pool (called by the runtime when the request is done).</summary>
    protected abstract void Release();

    internal virtual bool CountsAsActivity => true;

    internal GrainId Target { get; set; }

    internal ImmutableDictionary<string, string>? Context { get; set; }

    /// <summary>Set when the request came from another silo: where to send the response.</summary>
    internal SiloAddress? ReplyTo { get; set; }

    internal long RemoteRequestId { get; set; }

    internal long PendingId { get; set; }

    internal long Deadline { get; set; }

    internal SiloAddress? SentTo { get; set; }

    internal int Hops { get; set; }

    internal bool PlaceHere { get; set; }

    internal bool IsAwaitedLocally { get; set; }

    internal SiloRuntime? ReceivedBy { get; set; }

    internal abstract Type ResultType { get; }

    internal abstract void Execute(ActivationData activation);

    internal abstract void Fail(Exception exception);

    internal abstract void CompleteFromResponse(ref Utf8JsonReader reader, JsonSerializerOptions options);

    internal abstract Task InvokeUntyped(IIncomingGrainCallContext context, object grain, Action<object?> setResult);

    internal abstract ValueTask<object?> InvokeOutgoingUntyped(GrainReference target);

    internal void Recycle()
    {
        Context = null;
        ReplyTo = null;
        SentTo = null;
        PendingId = 0;
        RemoteRequestId = 0;
        Hops = 0;
        PlaceHere = false;
        IsAwaitedLocally = false;
        ReceivedBy = null;
        ResetCompletion();
        Release();
    }

    private protected abstract void ResetCompletion();

    internal string Describe() => $"{InterfaceName}.{MethodName} on grain {Target}";
}
