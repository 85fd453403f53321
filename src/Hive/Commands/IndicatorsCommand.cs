using System.CommandLine;

namespace Hive.Commands;

/// <summary><c>hive indicators</c>: computes indicators over a candle file and writes CSV to stdout.</summary>
internal static class IndicatorsCommand
{
    public static Command Create()
    {
        var command = new Command("indicators", "Compute indicators over a candle file and write CSV to stdout.");
        command.SetAction(int (_) => throw new CliException("hive indicators is not implemented yet"));
        return command;
    }
}
