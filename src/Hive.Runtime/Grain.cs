using Hive.Runtime.Core;

namespace Hive.Runtime;

/// <summary>
/// Base class of grain implementations. The runtime constructs grains (constructor parameters come from the silo's
/// services, or are <see cref="Storage.IPersistentState{TState}"/> marked with <see cref="Storage.PersistentStateAttribute"/>),
/// runs <see cref="OnActivateAsync"/> before the first call and <see cref="OnDeactivateAsync"/> when the activation
/// goes away (not when its silo is killed).
/// </summary>
public abstract class Grain : IAddressable
{
    private readonly ActivationData _activation;

    /// <summary>Binds the grain to the activation being created. Grains are created by the runtime only.</summary>
    protected Grain()
    {
        _activation = ActivationData.Constructing
            ?? throw new InvalidOperationException($"Grain {GetType().Name} can only be created by the Hive runtime (use IGrainFactory.GetGrain).");
    }

    /// <inheritdoc />
    public GrainId GrainId => _activation.GrainId;

    /// <summary>Creates references to other grains.</summary>
    protected IGrainFactory GrainFactory => _activation.Runtime.GrainFactory;

    /// <summary>The silo's services.</summary>
    protected IServiceProvider ServiceProvider => _activation.Runtime.Services;

    /// <summary>A readable identity for logs: <c>type/key</c>.</summary>
    public string IdentityString => GrainId.ToString();

    internal ActivationData Activation => _activation;

    /// <summary>Runs once before the first call is delivered.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs once when the activation goes away gracefully (idle collection, request, silo shutdown).</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates the activation once the current request completes.</summary>
    protected void DeactivateOnIdle() => _activation.DeactivateOnIdle();

    /// <summary>Keeps the activation from idle collection for at least <paramref name="timeSpan"/>.</summary>
    protected void DelayDeactivation(TimeSpan timeSpan) => _activation.DelayDeactivation(timeSpan);

    /// <summary>
    /// Registers a timer whose ticks run on the activation's turn (as if they were requests), never overlap (the next
    /// tick is scheduled after the previous one completes) and stop when the activation deactivates.
    /// </summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        RegisterGrainTimer(callback, new GrainTimerCreationOptions { DueTime = dueTime, Period = period });

    /// <summary>Registers a timer with options; see <see cref="RegisterGrainTimer(Func{CancellationToken, Task}, TimeSpan, TimeSpan)"/>.</summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return _activation.RegisterTimer(callback, options);
    }
}
