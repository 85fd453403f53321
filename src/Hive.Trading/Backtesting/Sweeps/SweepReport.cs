namespace Hive.Trading.Backtesting.Sweeps;

/// <summary>A finished sweep: what was swept, over which data, and every point's result ranked by the objective.</summary>
/// <param name="RunnerId">The swept runner's ID.</param>
/// <param name="Symbol">The symbol it trades.</param>
/// <param name="Strategy">Its strategy.</param>
/// <param name="BaseParameters">Its parameters before the sweep set the swept ones.</param>
/// <param name="Plan">The swept parameters and points.</param>
/// <param name="Objective">What the points are ranked by (in-sample).</param>
/// <param name="TrainUntil">Where in-sample ends (Unix epoch milliseconds), or <c>null</c> when the data is not split.</param>
/// <param name="InSampleBars">Bars of the in-sample runs.</param>
/// <param name="OutOfSampleBars">Bars of the out-of-sample runs (0 when the data is not split).</param>
/// <param name="Ranked">Every point's result, best first; points that could not run last.</param>
/// <param name="Elapsed">Wall-clock time of the runs.</param>
public sealed record SweepReport(
    string RunnerId,
    string Symbol,
    string Strategy,
    IReadOnlyDictionary<string, string> BaseParameters,
    SweepPlan Plan,
    SweepObjective Objective,
    long? TrainUntil,
    long InSampleBars,
    long OutOfSampleBars,
    IReadOnlyList<SweepPointResult> Ranked,
    TimeSpan Elapsed)
{
    /// <summary>The seed the points were drawn with, when they are a sample.</summary>
    public int? Seed { get; init; }

    /// <summary>Points run per second of wall-clock time.</summary>
    public double PointsPerSecond => Ranked.Count / Math.Max(Elapsed.TotalSeconds, 1e-9);

    /// <summary>
    /// <paramref name="results"/> best first by <paramref name="objective"/> over the in-sample metrics, ties by point
    /// number; points without metrics (they could not run) last, in point order.
    /// </summary>
    public static IReadOnlyList<SweepPointResult> Rank(IEnumerable<SweepPointResult> results, SweepObjective objective)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(objective);
        var list = results.ToList();
        list.Sort((a, b) =>
        {
            if (a.InSample is null || b.InSample is null)
            {
                var missing = (a.InSample is null).CompareTo(b.InSample is null);
                return missing != 0 ? missing : a.Point.Index.CompareTo(b.Point.Index);
            }

            var order = objective.Compare(objective.ValueOf(a.InSample), objective.ValueOf(b.InSample));
            return order != 0 ? order : a.Point.Index.CompareTo(b.Point.Index);
        });
        return list;
    }
}
