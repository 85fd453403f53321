using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Hive.Grains.Placement;
using Xunit.Abstractions;

namespace Hive.Cluster.Tests;

/// <summary>
/// A parameter sweep through <c>hive backtest --sweep … --server</c> on a real cluster: a control silo serving the API
/// and two data silos, <c>hive silo</c> processes on PostgreSQL. Every process is killed when the test ends.
/// </summary>
[Collection(PostgresServer.RestartCollection)]
public sealed class SweepClusterTests(ITestOutputHelper output)
{
    private const string Token = "sweep-test-token";
    private static readonly TimeSpan CliTimeout = TimeSpan.FromMinutes(4);

    [PostgresFact]
    public async Task BacktestSweep_ServerWithTwoDataSilos_SpreadsThePointsOverBothAndEqualsTheLocalSweep()
    {
        await using var cluster = await ProcessCluster.CreateAsync();
        var apiPort = SiloProcess.FreePorts(1)[0].ToString(CultureInfo.InvariantCulture);
        await cluster.StartAsync("control", SiloRoles.Control, "--api-port", apiPort, "--api-token", Token);
        // One at a time: on a loaded 2-core machine two silos starting at once can miss the tuned probes and be declared dead.
        await cluster.StartAsync(("data-a", SiloRoles.Data));
        await cluster.StartAsync(("data-b", SiloRoles.Data));
        var remote = Path.Combine(cluster.Directory, "sweep-remote");
        var local = Path.Combine(cluster.Directory, "sweep-local");
        string[] sweep = ["--generate", "ETHUSDT:6000:11", "--runner", "e:ETHUSDT:ema-cross", "--sweep", "fast=2..10:1", "--sweep", "slow=20..60:10"];

        var (code, stdout, stderr) = await HiveAsync(["backtest", "--server", $"http://127.0.0.1:{apiPort}", "--api-token", Token, .. sweep, "--out", remote]);
        var (localCode, _, localError) = await HiveAsync(["backtest", .. sweep, "--out", local]);

        output.WriteLine(stdout);
        Assert.True(code == 0, $"{stderr}\n{cluster.Logs()}");
        Assert.True(localCode == 0, localError);
        var points = Points(remote);
        Assert.Equal(45, points.Count);
        var silos = points.GroupBy(static p => (string)p["silo"]!).ToDictionary(static g => g.Key, static g => g.Count());
        output.WriteLine(string.Join(", ", silos.Select(static s => $"{s.Key}: {s.Value} points")));
        Assert.Equal(["data-a", "data-b"], silos.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("on data-a, data-b", stdout, StringComparison.Ordinal);
        Assert.Equal(Points(local).Select(static p => Without(p, "silo")), points.Select(static p => Without(p, "silo")));
        Assert.All(cluster.Silos, static s => Assert.False(s.HasExited, $"silo {s.Name} exited"));
    }

    private static List<JsonObject> Points(string directory) =>
        [.. JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "sweep.json")))!["points"]!.AsArray().Select(static p => p!.AsObject())];

    private static string Without(JsonObject point, string key)
    {
        var copy = point.DeepClone().AsObject();
        Assert.True(copy.Remove(key), $"every point has '{key}'");
        return copy.ToJsonString();
    }

    // The hive tool as a process, bounded in time and killed when it overruns.
    private static async Task<(int ExitCode, string Stdout, string Stderr)> HiveAsync(string[] args)
    {
        var info = HiveBinary.StartInfo(args);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.Environment.Remove("HIVE_API_TOKEN");
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the hive tool");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CliTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"hive {string.Join(' ', args)} did not exit within {CliTimeout.TotalMinutes:0} minutes");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
