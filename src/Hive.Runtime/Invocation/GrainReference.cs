using System.ComponentModel;
using Hive.Runtime.Core;

namespace Hive.Runtime.Invocation;

/// <summary>Base class of generated grain proxies. Holding a reference activates nothing; calls go through the silo runtime.</summary>
public abstract class GrainReference : IAddressable
{
    private readonly SiloRuntime _runtime;

    /// <summary>Creates the reference.</summary>
    protected GrainReference(GrainReferenceShared shared, GrainId grainId)
    {
        ArgumentNullException.ThrowIfNull(shared);
        _runtime = shared.Runtime;
        GrainId = grainId;
    }

    /// <inheritdoc />
    public GrainId GrainId { get; }

    internal ActivationData? CachedActivation { get; set; }

    internal SiloRuntime Runtime => _runtime;

    /// <summary>Sends a request with a result.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected ValueTask<TResult> InvokeAsync<TResult>(GrainRequest<TResult> request) => _runtime.InvokeAsync(this, request);

    /// <summary>Sends a request without a result.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected ValueTask InvokeVoidAsync(GrainRequest<VoidResult> request)
    {
        var pending = _runtime.InvokeAsync(this, request);
        if (pending.IsCompletedSuccessfully)
        {
            return default;
        }

        return AwaitVoid(pending);

        static async ValueTask AwaitVoid(ValueTask<VoidResult> pending) => await pending.ConfigureAwait(false);
    }

    /// <summary>Sends a one-way request: returns at once, the result and exceptions are dropped.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected void InvokeOneWay(GrainRequest<VoidResult> request) => _ = _runtime.InvokeAsync(this, request);

    /// <inheritdoc />
    public override string ToString() => GrainId.ToString();

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is GrainReference other && other.GrainId == GrainId;

    /// <inheritdoc />
    public override int GetHashCode() => GrainId.GetHashCode();
}
