using System.CommandLine;
using Hive.Commands;
using Hive.Trading.Strategies;
using Spectre.Console;

namespace Hive.Tests.Commands;

/// <summary>Runs <c>hive</c> commands in-process the way the command tests do.</summary>
internal static class CliHarness
{
    /// <summary>Runs <c>hive data ...</c> through <see cref="CommandRunner"/>, so failures come back as exit codes.</summary>
    public static Task<int> RunDataAsync(TextWriter? output, params string[] args)
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(DataCommand.Create(output));
        return CommandRunner.InvokeAsync(root, args);
    }

    /// <summary>
    /// Runs <c>hive backtest ...</c> with the built-in strategies and a plain console writing to <paramref name="output"/>;
    /// a <see cref="CliException"/> propagates to the caller.
    /// </summary>
    public static Task<int> RunBacktestAsync(TextWriter output, params string[] args)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.No,
        });
        var root = new RootCommand();
        root.Subcommands.Add(BacktestCommand.Create(StrategyCatalog.CreateWithBuiltIns(), console));
        return root.Parse(["backtest", .. args]).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }
}
