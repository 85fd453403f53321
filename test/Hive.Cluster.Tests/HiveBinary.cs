using System.Diagnostics;
using System.Reflection;

namespace Hive.Cluster.Tests;

/// <summary>
/// The <c>hive</c> tool these tests run as real processes: the build output of <c>src/Hive</c> in the configuration the
/// tests were built in (the test project references it, so building the tests builds it once for every test).
/// </summary>
internal static class HiveBinary
{
    private static readonly Lazy<string> LazyDll = new(Find);

    public static string Dll => LazyDll.Value;

    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var info = new ProcessStartInfo(dotnet) { UseShellExecute = false, WorkingDirectory = RepositoryRoot };
        info.ArgumentList.Add(Dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    /// <summary>The repository root (the folder holding <c>Hive.sln</c>); the benchmarks link this file too.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hive.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (Hive.sln) above " + AppContext.BaseDirectory);
    }

    private static string Find()
    {
        var configuration = typeof(HiveBinary).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var dll = Path.Combine(RepositoryRoot, "src", "Hive", "bin", configuration, "net10.0", "Hive.dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"The hive tool is not built at {dll}; build test/Hive.Cluster.Tests (it builds src/Hive).", dll);
    }
}
