using System.Diagnostics;

namespace Hive.Api.Tests;

/// <summary>
/// A client that is not .NET: Python with Debian's grpcio and stubs generated at test time from the repository's
/// .proto files adds a runner, watches it trade, lists, removes, and lists the services through reflection (with a
/// client generated from the reflection contract, as Debian has no grpc_reflection module).
/// </summary>
public sealed class PythonInteropTests(HiveRunFixture fixture) : IClassFixture<HiveRunFixture>
{
    [PythonGrpcFact]
    public void InteropScript_LocalRun_AddsWatchesListsRemovesAndReflects()
    {
        Assert.True(PythonGrpcFactAttribute.Missing() is null, PythonGrpcFactAttribute.Missing());
        var run = fixture.Run;
        var work = Path.Combine(fixture.Root, "python-stubs");
        Directory.CreateDirectory(work);
        var here = Path.Combine(AppContext.BaseDirectory, "Python");
        var protos = Path.Combine(SharedData.RepositoryRoot, "src", "Hive.Api", "Protos");

        var (code, stdout, stderr) = Python(Path.Combine(here, "interop.py"), protos, here, $"{run.Address.Host}:{run.Address.Port}", run.Token,
            Path.Combine(fixture.Root, "alternating.lua"), work);

        Assert.True(code == 0, $"exit {code}: {stderr}\n{stdout}");
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("added py_alt", lines);
        Assert.Contains("watched RUNNER_EVENT_KIND_FILL,RUNNER_EVENT_KIND_ORDER,RUNNER_EVENT_KIND_SNAPSHOT", lines.Select(l => l.Replace(",RUNNER_EVENT_KIND_SIGNAL", "").Replace(",RUNNER_EVENT_KIND_TRANSITION", "")));
        Assert.Contains("listed py_alt:True", lines);
        Assert.Contains("removed, watch ended with RUNNER_EVENT_KIND_REMOVED", lines);
        Assert.Contains(lines, l => l.StartsWith("get after remove: NOT_FOUND runner 'py_alt' does not exist", StringComparison.Ordinal));
        Assert.Contains("without token: UNAUTHENTICATED", lines);
        var services = Assert.Single(lines, l => l.StartsWith("services ", StringComparison.Ordinal));
        foreach (var name in new[] { "hive.v1.RunnerService", "hive.v1.ClusterService", "hive.v1.GatewayService", "hive.v1.BacktestService", "hive.v1.MarketService", "grpc.health.v1.Health" })
        {
            Assert.Contains(name, services, StringComparison.Ordinal);
        }
    }

    private static (int ExitCode, string Stdout, string Stderr) Python(params string[] args)
    {
        var start = new ProcessStartInfo(PythonGrpcFactAttribute.Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start python3");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the interop script did not finish within three minutes: {stdout.Result}");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
