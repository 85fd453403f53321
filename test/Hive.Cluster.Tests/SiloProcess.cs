using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Hive.Cluster.Tests;

/// <summary>
/// One <c>hive silo</c> process on loopback, with its own ports and a log file. Signals go to the process by its ID
/// (SIGKILL, SIGTERM, SIGSTOP, SIGCONT); disposal kills it if it still runs (a stopped process is killed too).
/// </summary>
internal sealed partial class SiloProcess : IDisposable
{
    public const int SigKill = 9;
    public const int SigTerm = 15;
    public const int SigCont = 18;
    public const int SigStop = 19;

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly Process _process;

    private SiloProcess(string name, string role, Process process, int siloPort, int gatewayPort, int httpPort, string log)
    {
        Name = name;
        Role = role;
        _process = process;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        HttpPort = httpPort;
        LogPath = log;
    }

    public string Name { get; }

    public string Role { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public int HttpPort { get; }

    public string LogPath { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <c>hive silo</c> with <paramref name="extra"/> arguments after the common ones.</summary>
    public static SiloProcess Start(string name, string role, string postgres, string clusterId, string logDirectory, params string[] extra) =>
        Launch(HiveBinary.StartInfo, name, role, postgres, clusterId, logDirectory, extra);

    /// <summary>Starts <c>hive silo</c> with <paramref name="environment"/> added to its environment (the benchmarks vary runtime and Hive settings this way).</summary>
    public static SiloProcess Start(string name, string role, string postgres, string clusterId, string logDirectory, IReadOnlyDictionary<string, string> environment, params string[] extra) =>
        Launch(arguments =>
        {
            var info = HiveBinary.StartInfo(arguments);
            foreach (var (key, value) in environment)
            {
                info.Environment[key] = value;
            }

            return info;
        }, name, role, postgres, clusterId, logDirectory, extra);

    /// <summary>Starts <c>hive silo</c> from a published <paramref name="executable"/> (the image's entry point) instead of the build output.</summary>
    public static SiloProcess StartPublished(string executable, string name, string role, string postgres, string clusterId, string logDirectory, params string[] extra) =>
        Launch(arguments =>
        {
            var info = new ProcessStartInfo(executable) { UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(executable)! };
            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            return info;
        }, name, role, postgres, clusterId, logDirectory, extra);

    private static SiloProcess Launch(Func<IEnumerable<string>, ProcessStartInfo> command, string name, string role, string postgres, string clusterId, string logDirectory, string[] extra)
    {
        var ports = FreePorts(3);
        var log = Path.Combine(logDirectory, name + ".log");
        var info = command(
            ["silo", "--role", role, "--name", name, "--advertise", "127.0.0.1",
             "--silo-port", ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
             "--gateway-port", ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
             "--http-port", ports[2].ToString(System.Globalization.CultureInfo.InvariantCulture),
             "--cluster-id", clusterId, .. extra]);
        info.Environment["HIVE_POSTGRES"] = postgres;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        var process = new Process { StartInfo = info };
        var writer = new StreamWriter(log, append: false, Encoding.UTF8) { AutoFlush = true };
        var sync = new Lock();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (sync) { writer.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (sync) { writer.WriteLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new SiloProcess(name, role, process, ports[0], ports[1], ports[2], log);
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200; fails with the log's tail when the process exits first.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        await Until.TrueAsync(async () =>
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"silo {Name} exited with {_process.ExitCode} before it was ready:\n{Tail()}");
            }

            try
            {
                using var response = await Http.GetAsync(new Uri($"http://127.0.0.1:{HttpPort}/health/ready"));
                return response.StatusCode == HttpStatusCode.OK;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, $"silo {Name} is ready", timeout);
    }

    public void Signal(int signal)
    {
        if (Kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"silo {Name} did not exit within {timeout.TotalSeconds:0} s:\n{Tail()}");
        }

        return _process.ExitCode;
    }

    /// <summary>The last lines of the silo's log, for failure messages.</summary>
    public string Tail(int lines = 25)
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException ex)
        {
            return $"(no log: {ex.Message})";
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }

        _process.Dispose();
    }

    internal static int[] FreePorts(int count)
    {
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
