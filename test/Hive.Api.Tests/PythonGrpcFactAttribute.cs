using System.Diagnostics;

namespace Hive.Api.Tests;

/// <summary>
/// A test that needs Debian's Python gRPC (<c>python3-grpcio</c>, <c>python3-grpc-tools</c>): skipped with the reason
/// when they are missing, except on CI (<c>CI=true</c>), where <c>.ci/run</c> installs them and their absence is a failure.
/// </summary>
public sealed class PythonGrpcFactAttribute : FactAttribute
{
    /// <summary>Debian's interpreter: another python3 earlier on PATH may lack the Debian packages.</summary>
    public const string Python = "/usr/bin/python3";

    public PythonGrpcFactAttribute()
    {
        if (Missing() is { } reason && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = reason;
        }
    }

    public static string? Missing()
    {
        if (!File.Exists(Python))
        {
            return $"{Python} is missing: install python3-grpcio and python3-grpc-tools to run the Python interop test";
        }

        var start = new ProcessStartInfo(Python, ["-c", "import grpc, grpc_tools.protoc"]) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)) || process.ExitCode != 0)
        {
            return $"python3-grpcio or python3-grpc-tools is missing ({error.Trim().Split('\n')[^1]}): the Python interop test is skipped";
        }

        return null;
    }
}
