using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Hive.Grains.Ledger;
using Hive.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Storage;

namespace Hive.Benchmarks.Postgres;

/// <summary>
/// Hive's PostgreSQL store on the server <c>HIVE_TEST_POSTGRES</c> names (<c>source .ci/postgres.sh</c>), in a database
/// of its own created for the run and dropped after it: one grain state write and read through Orleans' ADO.NET grain
/// storage with Hive's queries (ETag-checked), and one ledger append (<see cref="PostgresLedger"/>), each a round trip
/// to the server that commits before it returns.
/// </summary>
[MemoryDiagnoser]
public class PostgresBenchmarks
{
    private const string StorageName = "bench";

    private readonly LedgerEntry _order = new(0, 1_700_000_000_000, LedgerEntryKind.Order, "acct", "btc_ema", "btc_ema-1",
        "BTCUSDT", "Buy", 0.5m, 101.25m, null, "btc_ema#1@live0-1");

    private string _admin = null!;
    private string _database = null!;
    private IHost _silo = null!;
    private IGrainStorage _storage = null!;
    private PostgresLedger _ledger = null!;
    private NpgsqlDataSource _dataSource = null!;
    private GrainState<BenchState> _state = null!;
    private GrainId _grain;
    private long _fills;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    /// <summary>The floor: one round trip (<c>SELECT 1</c> on a pooled connection), what the machine's load costs right now.</summary>
    [Benchmark(Baseline = true)]
    public async Task<object?> RoundTrip_SelectOne()
    {
        await using var command = _dataSource.CreateCommand("SELECT 1");
        return await command.ExecuteScalarAsync();
    }

    /// <summary>Writes a runner-sized state (about 200 bytes of JSON) over the last version.</summary>
    [Benchmark]
    public Task GrainState_Write()
    {
        _state.State!.Ticks++;
        return _storage.WriteStateAsync("runner", _grain, _state);
    }

    [Benchmark]
    public Task GrainState_Read() => _storage.ReadStateAsync("runner", _grain, new GrainState<BenchState>(new BenchState()));

    /// <summary>An accepted order: the first of an order's two appends.</summary>
    [Benchmark]
    public ValueTask<LedgerEntry> Ledger_AppendOrder() => _ledger.AppendAsync(_order);

    /// <summary>A fill, checked against the one-fill-per-client-order-ID index (a new ID each time).</summary>
    [Benchmark]
    public ValueTask<LedgerEntry> Ledger_AppendFill() =>
        _ledger.AppendAsync(_order with { Kind = LedgerEntryKind.Fill, ClientOrderId = "btc_ema-" + Interlocked.Increment(ref _fills), Fee = 0.0506m });

    private async Task SetupAsync()
    {
        _admin = Environment.GetEnvironmentVariable("HIVE_TEST_POSTGRES")
            ?? throw new InvalidOperationException("HIVE_TEST_POSTGRES is not set: run `source .ci/postgres.sh` first.");
        _database = "hive_bench_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(_admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(_admin) { Database = _database }.ConnectionString;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("bench", "bench"));
            silo.ConfigureEndpoints(IPAddress.Loopback, FreePort(), FreePort());
            silo.AddHivePostgres(connectionString, o =>
            {
                o.StorageName = StorageName;
                o.Ledger = false;
            });
        });
        _silo = builder.Build();
        await _silo.StartAsync();
        _storage = _silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageName);
        _ledger = new PostgresLedger(connectionString);
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _grain = GrainId.Create("runner", "btc_ema_prod");
        _state = new GrainState<BenchState>(new BenchState());
        await _storage.WriteStateAsync("runner", _grain, _state);
    }

    private async Task CleanupAsync()
    {
        await _ledger.DisposeAsync();
        await _dataSource.DisposeAsync();
        await _silo.StopAsync();
        _silo.Dispose();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Shaped like a runner's persisted state: position, prices, counters, a little context.</summary>
    public sealed class BenchState
    {
        public string RunnerId { get; set; } = "btc_ema_prod";

        public string Symbol { get; set; } = "BTCUSDT";

        public decimal PositionQuantity { get; set; } = 0.5m;

        public decimal EntryPrice { get; set; } = 101_250.25m;

        public decimal RealizedPnl { get; set; } = 1_234.56m;

        public long Ticks { get; set; }

        public Dictionary<string, double> Context { get; set; } = new() { ["ema_fast"] = 101_200.5, ["ema_slow"] = 100_950.25 };
    }
}
