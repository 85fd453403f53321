using System.Globalization;
using Spectre.Console;

namespace Hive.Commands.Backtest;

/// <summary>
/// Shows a sweep's progress, local or remote: a bar on a terminal; piped, one line per tenth of the points
/// (<c>sweep: 40/100 points</c>).
/// </summary>
internal static class SweepProgressDisplay
{
    /// <summary>Runs <paramref name="work"/>, which reports the points finished so far (from any thread) to the action it is given.</summary>
    public static async Task<T> RunAsync<T>(IAnsiConsole console, int total, Func<Action<int>, Task<T>> work)
    {
        if (Console.IsOutputRedirected || !console.Profile.Capabilities.Interactive)
        {
            var gate = new Lock();
            var shown = 0;
            return await work(done =>
            {
                lock (gate)
                {
                    var tenth = total == 0 ? 10 : done * 10 / total;
                    if (tenth > shown)
                    {
                        shown = tenth;
                        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sweep: {done}/{total} points"));
                    }
                }
            }).ConfigureAwait(false);
        }

        T result = default!;
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"sweeping {total} points", maxValue: total);
                result = await work(done => task.Value = done).ConfigureAwait(false);
                task.Value = total;
            }).ConfigureAwait(false);
        return result;
    }
}
