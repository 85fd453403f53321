using Hive.Grains.Runners;
using Hive.Trading.Runners;

namespace Hive.Commands.Backtest;

/// <summary>Reads a runners YAML file (<see cref="RunnersYaml"/>) for a command: its errors become one-line <see cref="CliException"/>s.</summary>
internal static class RunnersFile
{
    public static List<RunnerConfig> Load(string path, decimal defaultInitialEquity)
    {
        try
        {
            return RunnersYaml.Load(path, defaultInitialEquity);
        }
        catch (Exception ex) when (ex is FormatException or FileNotFoundException)
        {
            throw new CliException(ex.Message);
        }
    }
}
