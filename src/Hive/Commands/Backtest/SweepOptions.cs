using System.CommandLine;
using Hive.Trading.Backtesting.Sweeps;

namespace Hive.Commands.Backtest;

/// <summary>The options <c>hive backtest</c> takes for a parameter sweep; <c>--sweep</c> turns a backtest into a sweep.</summary>
internal sealed class SweepOptions
{
    private readonly Option<string[]> _sweep = new("--sweep")
    {
        HelpName = "NAME=FROM..TO[:STEP]|NAME=V1,V2",
        Description = "Sweep a strategy parameter of the (one) runner over a range or list, e.g. fast=5..50:5. Repeatable: the grid of all combinations runs on the embedded cluster's data silo, or with --server on the cluster's data silos.",
    };

    private readonly Option<string> _objective = new("--objective")
    {
        HelpName = "METRIC",
        Description = $"What a sweep ranks its points by (in-sample): {SweepObjective.Known}.",
        DefaultValueFactory = _ => "sharpe",
    };

    private readonly Option<int?> _samples = new("--samples") { HelpName = "N", Description = "Run N points drawn at random from the sweep's grid instead of the whole grid." };
    private readonly Option<int> _seed = new("--seed") { HelpName = "SEED", Description = "Seed of the random points of --samples.", DefaultValueFactory = _ => 1 };

    private readonly Option<string?> _trainUntil = new("--train-until")
    {
        HelpName = "DATE",
        Description = "Split a sweep's data at this UTC date or time (2026-02-20, 2026-02-20T12:00): bars before it are in-sample (ranked), the rest out-of-sample (shown beside).",
    };

    private readonly Option<int> _top = new("--top") { HelpName = "N", Description = "Rows of a sweep's ranked table on the terminal (every point is in sweep.csv and sweep.json).", DefaultValueFactory = _ => 20 };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _sweep, _objective, _samples, _seed, _trainUntil, _top })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The sweep's arguments, or <c>null</c> when no <c>--sweep</c> was given.</summary>
    public SweepArguments? Read(ParseResult parse)
    {
        var sweeps = parse.GetValue(_sweep) ?? [];
        if (sweeps.Length == 0)
        {
            foreach (var (option, name) in new (Option Option, string Name)[] { (_samples, "--samples"), (_trainUntil, "--train-until") })
            {
                if (parse.GetResult(option) is { Implicit: false })
                {
                    throw new CliException($"{name} belongs to a sweep: give --sweep NAME=FROM..TO[:STEP] too");
                }
            }

            return null;
        }

        return new SweepArguments(sweeps, parse.GetValue(_objective) ?? "sharpe", parse.GetValue(_samples), parse.GetValue(_seed), parse.GetValue(_trainUntil), parse.GetValue(_top));
    }
}
