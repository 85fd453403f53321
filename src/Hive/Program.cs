using System.CommandLine;
using Hive.Commands;

var root = new RootCommand("Hive: a trading platform on virtual actors. Backtest, paper-trade and trade strategies written in Lua or C#.");
root.Subcommands.Add(IndicatorsCommand.Create());
root.Subcommands.Add(BacktestCommand.Create());
root.Subcommands.Add(DataCommand.Create());

return await CommandRunner.InvokeAsync(root, args);
