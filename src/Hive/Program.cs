using System.CommandLine;
using Hive.Commands;
using Hive.Lua;
using Hive.Trading.Strategies;

// Strategy names ending in .lua load Lua scripts (in hive backtest and runner files).
LuaStrategyResolver.Register(StrategyCatalog.Default);

var root = new RootCommand("Hive: a trading platform on virtual actors. Backtest, paper-trade and trade strategies written in Lua or C#.");
root.Subcommands.Add(IndicatorsCommand.Create());
root.Subcommands.Add(BacktestCommand.Create());
root.Subcommands.Add(DataCommand.Create());
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(HealthCommand.Create());
root.Subcommands.Add(RunnerCommand.Create());
root.Subcommands.Add(ClusterCommand.Create());
root.Subcommands.Add(GatewayCommand.Create());
root.Subcommands.Add(GatewayCommand.CreateKillSwitch());
root.Subcommands.Add(SiloCommand.Create());

return await CommandRunner.InvokeAsync(root, args);
