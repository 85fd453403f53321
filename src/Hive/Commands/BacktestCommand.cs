using System.CommandLine;

namespace Hive.Commands;

/// <summary><c>hive backtest</c>: replays candle files through runners and writes a report.</summary>
internal static class BacktestCommand
{
    public static Command Create()
    {
        var command = new Command("backtest", "Replay candle files through runners and write a report.");
        command.SetAction(int (_) => throw new CliException("hive backtest is not implemented yet"));
        return command;
    }
}
