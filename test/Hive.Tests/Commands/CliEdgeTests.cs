using System.Diagnostics;
using Hive.Commands;

namespace Hive.Tests.Commands;

/// <summary>The edges of the command line, through the real executable: exit codes, error lines, piped output.</summary>
public sealed class CliEdgeTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "hive-cli-" + Guid.NewGuid().ToString("N"));

    public CliEdgeTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Theory]
    [InlineData("--fee-bps abc", "abc")]
    [InlineData("--bogus", "--bogus")]
    [InlineData("", "--out")]
    public void Backtest_ParseError_OneErrorLineAndExitCode2(string extra, string named)
    {
        string[] args = ["backtest", "--generate", "AAAUSDT:50", "--runner", "a:AAAUSDT:ema-cross", .. extra.Split(' ', StringSplitOptions.RemoveEmptyEntries)];
        if (extra.Length > 0)
        {
            args = [.. args, "--out", Path.Combine(_root, "out")];
        }

        var (code, stdout, stderr) = RunHive(null, args);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal(string.Empty, stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.EndsWith("(see hive backtest --help)", line.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void Backtest_PipedOutputWithAColourTerminalSet_HasNoAnsiCodes()
    {
        var (code, stdout, stderr) = RunHive(
            new Dictionary<string, string> { ["TERM"] = "xterm-256color", ["COLORTERM"] = "truecolor" },
            "backtest", "--generate", "AAAUSDT:2000", "--runner", "a:AAAUSDT:ema-cross", "--out", Path.Combine(_root, "out"));

        Assert.True(code == 0, stderr);
        Assert.Contains("a", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', stdout);
        Assert.DoesNotContain('\u001b', stderr);
    }

    [Fact]
    public void Run_DurationBeyondTheTimersRange_FailsAtOnceWithExitCode2()
    {
        var (code, stdout, stderr) = RunHive(null, "run", "--duration", "1200h", "--data-dir", Path.Combine(_root, "data"));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("error: --duration: 1200h is longer than the longest supported duration, 49.7 days", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Starting the embedded cluster", stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "data")));
    }

    [Fact]
    public void Run_SpeedMaxWithoutData_FailsNamingTheOption()
    {
        var (code, _, stderr) = RunHive(null, "run", "--speed", "max", "--data-dir", Path.Combine(_root, "data"));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("error: --speed max replays --data files", stderr, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Stdout, string Stderr) RunHive(Dictionary<string, string>? environment, params string[] args)
    {
        var hive = typeof(CliException).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(hive);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the hive executable");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("hive did not exit within a minute");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
