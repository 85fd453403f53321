namespace Hive.Runtime;

/// <summary>A grain timer. Ticks run on the activation's turn, never overlap, and stop when the activation deactivates.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Changes the due time and period. <see cref="Timeout.InfiniteTimeSpan"/> as period fires once.</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}
