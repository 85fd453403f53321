using System.Globalization;

namespace Hive.Trading.Backtesting.Sweeps;

/// <summary>
/// The points a sweep runs: the whole grid of its parameters' values (every combination, the last parameter varying
/// fastest), or <c>--samples N</c> distinct points drawn from that grid at random with a seed, so that a seed always
/// gives the same points.
/// </summary>
public sealed class SweepPlan
{
    /// <summary>Most points a sweep runs.</summary>
    public const int MaxPoints = 100_000;

    private SweepPlan(IReadOnlyList<SweepParameter> parameters, long gridSize, IReadOnlyList<SweepPoint> points, bool sampled)
    {
        Parameters = parameters;
        GridSize = gridSize;
        Points = points;
        Sampled = sampled;
    }

    /// <summary>The swept parameters, in the order given.</summary>
    public IReadOnlyList<SweepParameter> Parameters { get; }

    /// <summary>The parameters' names, in order.</summary>
    public IReadOnlyList<string> Names => [.. Parameters.Select(static p => p.Name)];

    /// <summary>Points in the whole grid (<see cref="long.MaxValue"/> when larger).</summary>
    public long GridSize { get; }

    /// <summary>The points to run, in grid order.</summary>
    public IReadOnlyList<SweepPoint> Points { get; }

    /// <summary>Whether the points are a random sample of the grid.</summary>
    public bool Sampled { get; }

    /// <summary>
    /// Plans a sweep of <paramref name="parameters"/>: the grid, or <paramref name="samples"/> points drawn from it with
    /// <paramref name="seed"/> (the whole grid when it has no more points than that). Throws <see cref="FormatException"/>
    /// for no parameters, a parameter swept twice, a sample count below one, or a grid above <see cref="MaxPoints"/>
    /// without samples.
    /// </summary>
    public static SweepPlan Create(IReadOnlyList<SweepParameter> parameters, int? samples = null, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Count == 0)
        {
            throw new FormatException($"a sweep needs at least one --sweep {SweepParameter.Format}");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in parameters)
        {
            if (!seen.Add(parameter.Name))
            {
                throw new FormatException($"--sweep: '{parameter.Name}' is swept twice; give each parameter once");
            }
        }

        if (samples is < 1 or > MaxPoints)
        {
            throw new FormatException($"--samples must be from 1 to {MaxPoints}, got {samples.Value.ToString(CultureInfo.InvariantCulture)}");
        }

        var size = 1L;
        foreach (var parameter in parameters)
        {
            size = size > long.MaxValue / parameter.Values.Count ? long.MaxValue : size * parameter.Values.Count;
        }

        if (samples is not { } wanted || wanted >= size)
        {
            if (size > MaxPoints)
            {
                throw new FormatException(
                    $"the grid of {string.Join(" x ", parameters.Select(static p => $"{p.Values.Count} {p.Name}"))} has {Count(size)} points, more than {MaxPoints}; use --samples N or larger steps");
            }

            var grid = new SweepPoint[size];
            for (var i = 0; i < size; i++)
            {
                grid[i] = new SweepPoint(i, Decode(parameters, i));
            }

            return new SweepPlan(parameters, size, grid, sampled: false);
        }

        // Floyd's algorithm: `wanted` distinct indexes of the grid without building it.
        var random = new Random(seed);
        var chosen = new HashSet<long>();
        for (var j = size - wanted; j < size; j++)
        {
            var t = random.NextInt64(j + 1);
            chosen.Add(chosen.Contains(t) ? j : t);
        }

        var points = chosen.Order().Select((index, i) => new SweepPoint(i, Decode(parameters, index))).ToArray();
        return new SweepPlan(parameters, size, points, sampled: true);
    }

    private static string[] Decode(IReadOnlyList<SweepParameter> parameters, long index)
    {
        var values = new string[parameters.Count];
        for (var p = parameters.Count - 1; p >= 0; p--)
        {
            var count = parameters[p].Values.Count;
            values[p] = parameters[p].Values[(int)(index % count)];
            index /= count;
        }

        return values;
    }

    private static string Count(long size) => size == long.MaxValue ? "more than 9e18" : size.ToString("N0", CultureInfo.InvariantCulture);
}
