using System.Diagnostics;
using Hive.Commands;

namespace Hive.Api.Tests;

/// <summary>The real <c>hive</c> executable, its output piped, bounded so that a hang fails the test instead of the run.</summary>
internal static class HiveCli
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    public static (int ExitCode, string Stdout, string Stderr) Run(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(typeof(CliException).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("HIVE_API_TOKEN");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the hive executable");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"hive {string.Join(' ', args)} did not exit within {Limit.TotalMinutes:0} minutes");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
