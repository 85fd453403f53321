using Hive.Grains.Runners;
using Hive.Trading.Runners;

namespace Hive.Commands.Backtest;

/// <summary>Parses <c>--runner ID:SYMBOL:STRATEGY[:k=v,k=v]</c> (<see cref="RunnerSpecs"/>) for a command: its errors become <see cref="CliException"/>s.</summary>
internal static class RunnerSpec
{
    public const string Format = RunnerSpecs.Format;

    public static RunnerConfig Parse(string spec, decimal initialEquity)
    {
        try
        {
            return RunnerSpecs.Parse(spec, initialEquity);
        }
        catch (FormatException ex)
        {
            throw new CliException(ex.Message);
        }
    }
}
