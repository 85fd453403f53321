using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Hive.Dashboard.Tests.Browser;

/// <summary>
/// A real <c>hive run</c> process (the build output of <c>src/Hive</c> in the configuration these tests were built in)
/// on a folder of its own: a runners file, the Lua strategies it names, and the data directory. Once started it serves
/// its HTTP host (the dashboard) at <see cref="Address"/> with the API token <see cref="Token"/>, read from the files
/// <c>hive run</c> writes. Disposal kills the process and deletes the folder. The CPU harness in
/// <c>test/Hive.Benchmarks/Dashboard</c> links this file.
/// </summary>
internal sealed class HiveRunProcess : IDisposable
{
    /// <summary>Enters on every bar and exits on the next, so a runner trades as soon as bars arrive.</summary>
    public const string AlternatingScript = """
        function detect_opportunity(market_data, context, indicators) return {} end
        function filter_commitment(market_data, context, indicators) return { action = "enter_long", quantity = 1 } end
        function manage_position(market_data, context, indicators) return { action = "exit" } end
        """;

    // Three silos start in one process; on this shared 2-core machine beside other test assemblies that takes up to a minute.
    private static readonly TimeSpan StartDeadline = TimeSpan.FromMinutes(3);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _sync = new();

    private HiveRunProcess(string root, Process process, StreamWriter log)
    {
        Root = root;
        _process = process;
        _log = log;
    }

    /// <summary>The folder holding the runners file, the scripts, the data directory and the process's output.</summary>
    public string Root { get; }

    public string DataDirectory => Path.Combine(Root, "data");

    public string OutputPath => Path.Combine(Root, "output.log");

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The HTTP host's base address (<c>http://127.0.0.1:PORT/</c>), from <c>&lt;data-dir&gt;/http-endpoint</c>.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>The API token, from <c>&lt;data-dir&gt;/api-token</c>.</summary>
    public string Token { get; private set; } = string.Empty;

    /// <summary>
    /// Starts <c>hive run</c> on the runners in <paramref name="runnersYaml"/> (strategy files relative to the run's
    /// folder; <c>alternating.lua</c> is written there) with the simulated feed at <paramref name="speed"/> times real
    /// time, and returns once its runners are added and its HTTP host answers.
    /// </summary>
    public static async Task<HiveRunProcess> StartAsync(string runnersYaml, double speed, params string[] extra)
    {
        var root = Path.Combine(Path.GetTempPath(), "hive-dashboard-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "alternating.lua"), AlternatingScript);
        File.WriteAllText(Path.Combine(root, "runners.yaml"), runnersYaml);

        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var info = new ProcessStartInfo(dotnet)
        {
            UseShellExecute = false,
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in (string[])[Dll, "run", "--runners", "runners.yaml", "--data-dir", "data",
                     "--speed", speed.ToString(System.Globalization.CultureInfo.InvariantCulture), .. extra])
        {
            info.ArgumentList.Add(argument);
        }

        // The run's own token, never one from the environment the tests run in.
        info.Environment.Remove("HIVE_API_TOKEN");
        info.Environment.Remove("HIVE_POSTGRES");
        var log = new StreamWriter(Path.Combine(root, "output.log"), append: false, Encoding.UTF8) { AutoFlush = true };
        var process = new Process { StartInfo = info };
        var run = new HiveRunProcess(root, process, log);
        process.OutputDataReceived += (_, e) => run.Append(e.Data);
        process.ErrorDataReceived += (_, e) => run.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await run.WaitStartedAsync();
        }
        catch
        {
            run.Dispose();
            throw;
        }

        return run;
    }

    /// <summary>The last lines of the process's output and of its log, for failure messages.</summary>
    public string Tail(int lines = 30)
    {
        return $"hive run output:\n{Last(OutputPath)}\nhive.log:\n{Last(Path.Combine(DataDirectory, "hive.log"))}";

        string Last(string path)
        {
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var reader = new StreamReader(stream);
                return string.Join('\n', reader.ReadToEnd().Split('\n').TakeLast(lines));
            }
            catch (IOException ex)
            {
                return $"(unreadable: {ex.Message})";
            }
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(30_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }

        _process.Dispose();
        lock (_sync)
        {
            _log.Dispose();
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a process the kill did not reach yet; the temporary folder is left behind.
        }
    }

    private async Task WaitStartedAsync()
    {
        // api-endpoint appears once the runners file's runners are added and their feeds run; http-endpoint and
        // api-token are written before it.
        var ready = Path.Combine(DataDirectory, "api-endpoint");
        var start = TimeProvider.System.GetTimestamp();
        while (!File.Exists(ready))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"hive run exited with {_process.ExitCode} before its runners were added:\n{Tail()}");
            }

            if (TimeProvider.System.GetElapsedTime(start) > StartDeadline)
            {
                throw new TimeoutException($"hive run did not add its runners within {StartDeadline.TotalSeconds:0} s:\n{Tail()}");
            }

            await Task.Delay(100);
        }

        Address = new Uri(File.ReadAllText(Path.Combine(DataDirectory, "http-endpoint")).Trim());
        Token = File.ReadAllText(Path.Combine(DataDirectory, "api-token")).Trim();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_sync)
        {
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // A last line after the process was killed and the log closed.
            }
        }
    }

    private static string Dll => LazyDll.Value;

    private static readonly Lazy<string> LazyDll = new(() =>
    {
        var configuration = typeof(HiveRunProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var dll = Path.Combine(RepositoryRoot(), "src", "Hive", "bin", configuration, "net10.0", "Hive.dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"The hive tool is not built at {dll}; build the tests (they build src/Hive).", dll);
    });

    private static string RepositoryRoot()
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
}
