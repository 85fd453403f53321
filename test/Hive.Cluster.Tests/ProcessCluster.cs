using Hive.Grains.Feeds;
using Hive.Grains.Runners;
using Hive.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Hive.Cluster.Tests;

/// <summary>
/// A cluster of real <c>hive silo</c> processes on loopback in a database of its own, plus an Orleans client in the
/// test process for what only the API will offer later (adding runners, starting feeds, reading runner status). The
/// assertions read the ledger straight from PostgreSQL. Disposal kills every process, closes the client and drops the
/// database.
/// </summary>
internal sealed class ProcessCluster : IAsyncDisposable
{
    public const string Account = "paper";
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly List<SiloProcess> _silos = [];
    private readonly string _clusterId = "test-" + Guid.NewGuid().ToString("N")[..8];
    private IHost? _client;

    private ProcessCluster(PostgresServer database, string directory)
    {
        Database = database;
        Directory = directory;
    }

    public PostgresServer Database { get; }

    /// <summary>Logs and replay data of this cluster.</summary>
    public string Directory { get; }

    public IClusterClient Client => _client?.Services.GetRequiredService<IClusterClient>() ?? throw new InvalidOperationException("No client connected.");

    public IReadOnlyList<SiloProcess> Silos => _silos;

    public static async Task<ProcessCluster> CreateAsync()
    {
        var database = await PostgresServer.CreateDatabaseAsync();
        var directory = Path.Combine(Path.GetTempPath(), "hive-cluster-tests", database.Database);
        System.IO.Directory.CreateDirectory(directory);
        return new ProcessCluster(database, directory);
    }

    /// <summary>Starts silos in parallel and waits until each is ready (Active and PostgreSQL reachable).</summary>
    public async Task<SiloProcess[]> StartAsync(params (string Name, string Role)[] silos)
    {
        var started = silos.Select(s => SiloProcess.Start(s.Name, s.Role, Database.ConnectionString, _clusterId, Directory)).ToArray();
        _silos.AddRange(started);
        await Task.WhenAll(started.Select(s => s.WaitReadyAsync(StartTimeout)));
        return started;
    }

    /// <summary>Starts one silo with <paramref name="extra"/> arguments (an API port and token) and waits until it is ready.</summary>
    public async Task<SiloProcess> StartAsync(string name, string role, params string[] extra)
    {
        var silo = SiloProcess.Start(name, role, Database.ConnectionString, _clusterId, Directory, extra);
        _silos.Add(silo);
        await silo.WaitReadyAsync(StartTimeout);
        return silo;
    }

    public SiloProcess Silo(string name) => _silos.Single(s => s.Name == name);

    /// <summary>
    /// Connects the test's client through the silos' gateways found in the PostgreSQL membership table, or only through
    /// <paramref name="throughSilo"/>'s gateway (as a user's calls reach the cluster through the control silo's API).
    /// </summary>
    public async Task ConnectClientAsync(string? throughSilo = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = _clusterId;
                o.ServiceId = "hive";
            });
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
            if (throughSilo is null)
            {
                client.UseHivePostgresClustering(Database.ConnectionString);
            }
            else
            {
                client.UseStaticClustering(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, Silo(throughSilo).GatewayPort));
            }
        });
        _client = builder.Build();
        await _client.StartAsync();
    }

    /// <summary>Adds EMA-cross runners (short periods, so they trade every few bars) on the symbols, two per symbol.</summary>
    public async Task<string[]> AddRunnersAsync(params string[] symbols)
    {
        var registry = Client.GetGrain<IRunnerRegistryGrain>(IRunnerRegistryGrain.DefaultKey);
        var ids = new List<string>();
        foreach (var symbol in symbols)
        {
            foreach (var (suffix, fast, slow) in new[] { ("fast", "2", "5"), ("slow", "3", "8") })
            {
                var id = $"{symbol.ToLowerInvariant()}_{suffix}";
                await registry.AddRunnerAsync(new RunnerDefinition(
                    id, symbol, "ema-cross", new Dictionary<string, string> { ["fast"] = fast, ["slow"] = slow }, Account, Quantity: 0.01m));
                ids.Add(id);
            }
        }

        return [.. ids];
    }

    /// <summary>Starts a replay feed per symbol on generated candle files, at <paramref name="speed"/> × real time.</summary>
    public async Task StartFeedsAsync(double speed, params string[] symbols)
    {
        var folder = ReplayData.Write(Path.Combine(Directory, "klines"), symbols);
        foreach (var symbol in symbols)
        {
            await Client.GetGrain<IMarketFeedGrain>(symbol).StartAsync(new FeedDefinition(symbol, FeedSourceKind.Replay, Path: folder, Speed: speed));
        }
    }

    /// <summary>Stops the feeds; each returns once its runners took (and traded on) every event it published.</summary>
    public async Task StopFeedsAsync(params string[] symbols)
    {
        foreach (var symbol in symbols)
        {
            await Client.GetGrain<IMarketFeedGrain>(symbol).StopAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
    }

    public async Task<IReadOnlyList<RunnerStatus>> RunnersAsync() =>
        await Client.GetGrain<IRunnerRegistryGrain>(IRunnerRegistryGrain.DefaultKey).HealthCheckAsync().WaitAsync(TimeSpan.FromSeconds(60));

    /// <summary>Every ledger row in sequence order, read from PostgreSQL.</summary>
    public async Task<List<LedgerRow>> LedgerAsync()
    {
        await using var connection = await Database.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT sequence, kind, account, runner_id, client_order_id, side, quantity, detail FROM hive_ledger ORDER BY sequence", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<LedgerRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new LedgerRow(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetDecimal(6),
                reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        return rows;
    }

    /// <summary>Fills per runner, counting only those of activations on the silo <paramref name="silo"/> when given.</summary>
    public async Task<Dictionary<string, int>> FillsAsync(string? silo = null) =>
        (await LedgerAsync())
            .Where(r => r.Kind == "Fill" && r.RunnerId is not null && (silo is null || (r.Activation?.StartsWith(silo + "-", StringComparison.Ordinal) ?? false)))
            .GroupBy(r => r.RunnerId!)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>The tails of the silos' logs, for a failure message.</summary>
    public string Logs() => string.Join("\n", _silos.Select(s => $"--- {s.Name} (pid {s.Pid}{(s.HasExited ? $", exited {s.ExitCode}" : "")})\n{s.Tail(15)}"));

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            try
            {
                await _client.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or OrleansException)
            {
                // The cluster may be gone already.
            }

            _client.Dispose();
        }

        foreach (var silo in _silos)
        {
            silo.Dispose();
        }

        await Database.DisposeAsync();
    }
}
