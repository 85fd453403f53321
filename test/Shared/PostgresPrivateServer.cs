using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Hive.Testing;

/// <summary>
/// A PostgreSQL server of the test's own: a fresh cluster (<c>initdb</c>) in a temporary folder, listening on a free
/// loopback port, started with <c>pg_ctl</c> from the newest <c>/usr/lib/postgresql/VERSION/bin</c>. Tests that restart or
/// kill the database use it instead of the shared server (<see cref="PostgresServer"/>), whose restart would cut the
/// connections of every other test running at the same time, in this assembly and in the others.
/// <see cref="RestartAsync"/> restarts it (<c>fast</c>: sessions are ended and the server shuts down cleanly;
/// <c>immediate</c>: as after a crash, with recovery on start); <see cref="DisposeAsync"/> stops it and deletes the
/// folder. Authentication is <c>trust</c> on 127.0.0.1 only. As root (CI) the server runs as the <c>postgres</c> user,
/// since PostgreSQL refuses to run as root. Tests use <see cref="PostgresBinariesFactAttribute"/>.
/// </summary>
internal sealed class PostgresPrivateServer : IAsyncDisposable
{
    private const string User = "hive";

    private readonly string _bin;
    private readonly string _directory;
    private readonly int _port;

    private PostgresPrivateServer(string bin, string directory, int port)
    {
        _bin = bin;
        _directory = directory;
        _port = port;
        ConnectionString = $"Host=127.0.0.1;Port={port};Username={User};Database=postgres;Timeout=5";
    }

    /// <summary>The folder holding the server's binaries, or null when PostgreSQL is not installed.</summary>
    public static string? BinDirectory { get; } = FindBin();

    public const string AbsentReason =
        "PostgreSQL's server binaries (/usr/lib/postgresql/VERSION/bin) are not installed: the tests that need a server of their own are skipped (.ci/postgres.sh installs them)";

    /// <summary>A connection string to the server's <c>postgres</c> database as its superuser <c>hive</c>.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates the cluster and starts the server; returns once it accepts connections.</summary>
    public static async Task<PostgresPrivateServer> StartAsync()
    {
        var bin = BinDirectory ?? throw new InvalidOperationException(AbsentReason);
        var directory = Path.Combine(Path.GetTempPath(), "hive-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", ["postgres:postgres", directory], TimeSpan.FromSeconds(10));
        }

        var server = new PostgresPrivateServer(bin, directory, FreePort());
        try
        {
            await server.PgAsync("initdb", ["-D", server.DataDirectory, "-U", User, "--auth=trust", "-E", "UTF8", "--no-sync"], TimeSpan.FromSeconds(60));
            await server.PgCtlAsync("start");
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private string DataDirectory => Path.Combine(_directory, "data");

    /// <summary>Restarts the server and returns once it accepts connections again.</summary>
    /// <param name="immediate">Shut down as after a crash (no checkpoint; recovery on start) instead of cleanly.</param>
    public async Task RestartAsync(bool immediate = false)
    {
        await PgCtlAsync("stop", immediate ? "immediate" : "fast");
        await PgCtlAsync("start");
    }

    /// <summary>Stops the server and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                await PgCtlAsync("stop", "immediate");
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            if (Directory.Exists(_directory))
            {
                Directory.Delete(_directory, recursive: true);
            }
        }
    }

    private Task PgCtlAsync(string action, string mode = "fast") =>
        PgAsync("pg_ctl", action == "start"
            ? ["start", "-w", "-t", "60", "-D", DataDirectory, "-l", Path.Combine(_directory, "server.log"),
               "-o", $"-p {_port} -c listen_addresses=127.0.0.1 -k {_directory}"]
            : [action, "-w", "-t", "60", "-D", DataDirectory, "-m", mode], TimeSpan.FromSeconds(90));

    private Task PgAsync(string tool, string[] arguments, TimeSpan timeout)
    {
        var path = Path.Combine(_bin, tool);
        return Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments], timeout)
            : RunAsync(path, arguments, timeout);
    }

    private static async Task RunAsync(string file, string[] arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds:0} s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }

    private static string? FindBin()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Where(d => File.Exists(Path.Combine(d, "bin", "initdb")) && File.Exists(Path.Combine(d, "bin", "pg_ctl")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
            .Select(d => Path.Combine(d, "bin"))
            .FirstOrDefault();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// A fact that starts a PostgreSQL server of its own (<see cref="PostgresPrivateServer"/>): skipped with the reason when
/// the server binaries are not installed, except on CI (<c>CI=true</c>), where it runs and fails.
/// </summary>
internal sealed class PostgresBinariesFactAttribute : FactAttribute
{
    public PostgresBinariesFactAttribute()
    {
        if (PostgresPrivateServer.BinDirectory is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = PostgresPrivateServer.AbsentReason;
        }
    }
}
