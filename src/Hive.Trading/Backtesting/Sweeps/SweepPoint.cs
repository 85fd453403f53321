namespace Hive.Trading.Backtesting.Sweeps;

/// <summary>One point of a sweep: its number in the plan and one value per swept parameter, in the plan's order.</summary>
/// <param name="Index">The point's number in <see cref="SweepPlan.Points"/>.</param>
/// <param name="Values">The value of each of <see cref="SweepPlan.Parameters"/>, in the same order.</param>
public sealed record SweepPoint(int Index, IReadOnlyList<string> Values)
{
    /// <summary>The point's values by parameter name, in the order of <paramref name="parameters"/>.</summary>
    public IReadOnlyDictionary<string, string> ToParameters(IReadOnlyList<string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Count != Values.Count)
        {
            throw new ArgumentException($"Sweep point {Index} has {Values.Count} values for {parameters.Count} parameters.", nameof(parameters));
        }

        var result = new Dictionary<string, string>(parameters.Count, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < parameters.Count; i++)
        {
            result[parameters[i]] = Values[i];
        }

        return result;
    }

    /// <summary><c>fast=5 slow=20</c>, for tables and messages.</summary>
    public string Describe(IReadOnlyList<string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return string.Join(' ', parameters.Select((name, i) => $"{name}={Values[i]}"));
    }
}
