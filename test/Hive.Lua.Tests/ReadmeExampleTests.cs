using System.Text.RegularExpressions;
using Hive.Testing;

namespace Hive.Lua.Tests;

/// <summary>The worked example of <c>strategies/README.md</c>, taken from the README itself, runs as written.</summary>
public sealed partial class ReadmeExampleTests
{
    internal static string WorkedExample()
    {
        var readme = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "strategies", "README.md"));
        var section = readme[readme.IndexOf("## Worked example", StringComparison.Ordinal)..];
        return LuaBlock().Match(section).Groups[1].Value;
    }

    [Fact]
    public void WorkedExample_FromReadme_LoadsAndTradesInBacktest()
    {
        var directory = Directory.CreateTempSubdirectory("hive-readme-");
        try
        {
            var path = Path.Combine(directory.FullName, "pullback.lua");
            File.WriteAllText(path, WorkedExample());

            var report = GoldenMasterTests.Run(path, "fast=20,slow=50,quantity=10", TestMarket.Generate(5_000));

            var runner = report.Runners[0];
            Assert.Empty(runner.Errors);
            Assert.NotEmpty(runner.Trades);
            Assert.Contains(runner.Signals, s => s.Kind == "update_stop_loss");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [GeneratedRegex("```lua\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex LuaBlock();
}
