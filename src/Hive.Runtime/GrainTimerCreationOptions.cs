namespace Hive.Runtime;

/// <summary>Options of <see cref="Grain.RegisterGrainTimer(Func{CancellationToken, Task}, GrainTimerCreationOptions)"/>.</summary>
public readonly record struct GrainTimerCreationOptions
{
    /// <summary>Delay before the first tick.</summary>
    public TimeSpan DueTime { get; init; }

    /// <summary>Delay between the end of a tick and the start of the next; <see cref="Timeout.InfiniteTimeSpan"/> fires once.</summary>
    public TimeSpan Period { get; init; }

    /// <summary>When true, a tick may interleave with requests (like <see cref="AlwaysInterleaveAttribute"/>).</summary>
    public bool Interleave { get; init; }

    /// <summary>When true, a tick counts as activity and postpones idle collection (Orleans' default is false).</summary>
    public bool KeepAlive { get; init; }
}
