using System.Diagnostics;
using System.Globalization;
using Hive.Cluster.Tests;
using Hive.Grains.Diagnostics;
using Hive.Grains.Feeds;
using Hive.Grains.Runners;
using Hive.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Hive.Benchmarks.Cluster;

/// <summary>
/// Benchmarks on real <c>hive silo</c> processes on loopback and PostgreSQL (<c>HIVE_TEST_POSTGRES</c>, as the tests;
/// <c>source .ci/postgres.sh</c> starts a local server), each run in a fresh database:
/// <list type="bullet">
/// <item><description><c>dotnet run -c Release -- cluster-call [CALLS]</c>: a control silo and a data silo; the latency
/// probe on the control silo times grain calls to an echo on its own silo and to one on the data silo.</description></item>
/// <item><description><c>dotnet run -c Release -- failover [RUNS]</c>: control and live-a with four runners on replay
/// feeds, live-b joins; kill -9 of live-a; the time until each runner's first fill on live-b.</description></item>
/// <item><description><c>dotnet run -c Release -- sweep-server [ROUNDS] [CANDLES.csv]</c>: a control silo serving the API
/// and two data silos; <c>hive backtest --sweep … --server</c> of 100 points (fast 5–50 × slow 60–240 of ema-cross) over
/// the candle file (or 43,200 generated bars) ROUNDS times: points/s, the silos' CPU time and the load average.</description></item>
/// </list>
/// Results: Cluster/RESULTS.md, and Backtesting/RESULTS.md for sweep-server.
/// </summary>
internal static class ClusterHarness
{
    private static readonly string[] Symbols = ["BTCUSDT", "ETHUSDT"];

    public static async Task<int> RunAsync(string mode, string[] args)
    {
        if (Environment.GetEnvironmentVariable("HIVE_TEST_POSTGRES") is not { Length: > 0 } admin)
        {
            Console.Error.WriteLine("error: HIVE_TEST_POSTGRES is not set (source .ci/postgres.sh starts a local PostgreSQL and sets it)");
            return 2;
        }

        return mode switch
        {
            "failover" => await FailoverAsync(admin, args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3),
            "sweep-server" => await SweepServerAsync(admin, args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3, args.Length > 1 ? args[1] : null),
            _ => await CallsAsync(admin, args),
        };
    }

    // cluster-call [CALLS] [--rounds N] [--hive-env KEY=VALUE]... [--plain-add ADD-ON]...: a hive silo pair and a plain
    // Orleans silo pair (PlainSilo) run side by side, and each round measures both, one after the other, so that both
    // see the same load; the load average is printed with each round.
    private static async Task<int> CallsAsync(string admin, string[] args)
    {
        var calls = 20_000;
        var rounds = 3;
        var hiveEnvironment = new Dictionary<string, string>(StringComparer.Ordinal);
        var plainAddOns = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rounds":
                    rounds = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--hive-env":
                    var pair = args[++i].Split('=', 2);
                    hiveEnvironment[pair[0]] = pair.Length > 1 ? pair[1] : string.Empty;
                    break;
                case "--plain-add":
                    plainAddOns.Add(args[++i]);
                    break;
                default:
                    calls = int.Parse(args[i], CultureInfo.InvariantCulture);
                    break;
            }
        }

        await using var run = await Run.CreateAsync(admin);
        var hive = run.StartAsync(hiveEnvironment, ("control", "control"), ("data-a", "data"));
        await using var plain = await PlainPair.StartAsync(run.Directory, plainAddOns);
        await hive;
        await run.ConnectAsync(run.Silos[0]);
        var probes = new[]
        {
            ("plain", plain.Client.GetGrain<ILatencyProbeGrain>("bench"), plain.Pids),
            ("hive ", run.Client.GetGrain<ILatencyProbeGrain>("bench"), (IReadOnlyList<int>)[.. run.Silos.Select(s => s.Pid)]),
        };
        Console.WriteLine($"pids: plain {string.Join(' ', plain.Pids)}; hive {string.Join(' ', run.Silos.Select(s => s.Pid))} (control, data)");
        Console.WriteLine($"{calls} sequential calls each, after {calls / 10} warm-up calls; times taken inside the calling grain");
        Console.WriteLine($"hive silo environment: {(hiveEnvironment.Count == 0 ? "as built" : string.Join(' ', hiveEnvironment.Select(p => $"{p.Key}={p.Value}")))}; plain silo add-ons: {(plainAddOns.Count == 0 ? "none" : string.Join(' ', plainAddOns))}");
        for (var round = 0; round < rounds; round++)
        {
            foreach (var remote in new[] { false, true })
            {
                foreach (var (label, probe, pids) in probes)
                {
                    var cpuBefore = pids.Select(CpuTime).ToArray();
                    var sample = await probe.MeasureAsync(remote, calls, calls / 10);
                    var cpu = pids.Select((pid, i) => (CpuTime(pid) - cpuBefore[i]).TotalMicroseconds / (calls + (calls / 10))).ToArray();
                    var sorted = sample.Ticks.Order().ToArray();
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"round {round + 1} {label} {(remote ? "cross-silo" : "in-silo   ")} {sample.FromSilo} -> {sample.ToSilo}: p50 {Us(sorted, 0.50)} us, p90 {Us(sorted, 0.90)} us, p99 {Us(sorted, 0.99)} us, mean {sample.Ticks.Average() / 10:0.0} us; CPU per call {cpu[0]:0.0} + {cpu[1]:0.0} us; load {LoadAverage()}"));
                }
            }
        }

        return 0;
    }

    // User plus system CPU time of a process so far (/proc/PID/stat, in clock ticks of 10 ms): divided by the calls of a
    // round, what a call costs each silo in CPU, which the machine's load barely changes (unlike the latency).
    private static TimeSpan CpuTime(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static async Task<int> FailoverAsync(string admin, int runs)
    {
        var results = new List<(double Detected, double Median, double Max)>();
        for (var i = 0; i < runs; i++)
        {
            await using var run = await Run.CreateAsync(admin);
            await run.StartAsync(("control", "control"), ("live-a", "live"));
            await run.ConnectAsync(run.Silos[0]);
            var registry = run.Client.GetGrain<IRunnerRegistryGrain>(IRunnerRegistryGrain.DefaultKey);
            var runners = new List<string>();
            foreach (var symbol in Symbols)
            {
                foreach (var (suffix, fast, slow) in new[] { ("fast", "2", "5"), ("slow", "3", "8") })
                {
                    var id = $"{symbol.ToLowerInvariant()}_{suffix}";
                    await registry.AddRunnerAsync(new RunnerDefinition(id, symbol, "ema-cross", new Dictionary<string, string> { ["fast"] = fast, ["slow"] = slow }, Quantity: 0.01m));
                    runners.Add(id);
                }
            }

            var folder = ReplayData.Write(Path.Combine(run.Directory, "klines"), Symbols);
            foreach (var symbol in Symbols)
            {
                await run.Client.GetGrain<IMarketFeedGrain>(symbol).StartAsync(new FeedDefinition(symbol, FeedSourceKind.Replay, Path: folder, Speed: 600));
            }

            await run.StartAsync(("live-b", "live"));
            await Until.TrueAsync(async () => runners.All((await run.FillsAsync("live-a")).ContainsKey), "every runner fills on live-a", TimeSpan.FromSeconds(120));

            var killedAt = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            run.Silos.Single(s => s.Name == "live-a").Signal(SiloProcess.SigKill);
            var declared = -1.0;
            var firstFill = new Dictionary<string, double>(StringComparer.Ordinal);
            await Until.TrueAsync(async () =>
            {
                if (declared < 0 && await run.DeadAsync("live-a"))
                {
                    declared = clock.Elapsed.TotalSeconds;
                }

                foreach (var (runner, at) in await run.FirstFillsAsync("live-b"))
                {
                    firstFill.TryAdd(runner, (at - killedAt).TotalSeconds);
                }

                return runners.All(firstFill.ContainsKey);
            }, "every runner fills on live-b", TimeSpan.FromSeconds(120));

            PrintTimeline(run.Silos.Single(s => s.Name == "live-b"), run.Silos.Single(s => s.Name == "control"), killedAt, runners, firstFill);
            var times = firstFill.Values.Order().ToArray();
            results.Add((declared, times[times.Length / 2], times[^1]));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {i + 1}: live-a declared dead after {declared:0.00} s (as seen by polling the table); first fill on live-b per runner: {string.Join(", ", firstFill.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value:0.00} s"))}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"summary over {runs} runs: declared dead {Summary(results.Select(r => r.Detected))} s; every runner filling again (slowest runner) {Summary(results.Select(r => r.Max))} s; median runner {Summary(results.Select(r => r.Median))} s"));
        return 0;
    }

    // Where each runner's failover time goes, from live-b's log lines (UTC, to the millisecond) and the ledger: the
    // gateway registering the runner's new deployment, the runner resumed (its stream attached, its state written, its
    // feed woken), its feed resumed, the first bar it trades on, its first fill.
    private static void PrintTimeline(SiloProcess silo, SiloProcess control, DateTimeOffset killedAt, IEnumerable<string> runners, Dictionary<string, double> firstFill)
    {
        static string[] Lines(SiloProcess silo)
        {
            using var stream = new FileStream(silo.LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd().Split('\n');
        }

        var lines = Lines(silo);
        var controlLines = Lines(control);
        string At(string contains) => Find(lines, contains);
        string AtIn(SiloProcess _, string contains) => Find(controlLines, contains);

        string Find(string[] lines, string contains)
        {
            var line = lines.FirstOrDefault(l => l.Contains(contains, StringComparison.Ordinal));
            if (line is null || line.Length < 12 || !TimeSpan.TryParseExact(line.AsSpan(line.IndexOf(':') - 2, 12), @"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture, out var time))
            {
                return "  -  ";
            }

            var at = new DateTimeOffset(killedAt.UtcDateTime.Date + time, TimeSpan.Zero);
            return ((at - killedAt).TotalSeconds).ToString("0.00", CultureInfo.InvariantCulture);
        }

        Console.WriteLine($"  timeline (s after the kill): gateway lease {At("lease taken")}, ready {At("Gateway paper: ready")}; runner keeper told of the death {AtIn(control, "declared dead; checking")}");
        foreach (var runner in runners)
        {
            var symbol = runner[..runner.IndexOf('_')].ToUpperInvariant();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {runner,-13} activating {At($"Runner {runner} activating")}  deployment {At($"runner {runner} deployment")}  resumed {At($"Runner {runner} resumed")}  feed {At($"Feed {symbol} resumed")}  first new bar {At($"Runner {runner}: first new bar")}  first fill {firstFill[runner]:0.00}"));
        }
    }

    private static string Summary(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        return string.Create(CultureInfo.InvariantCulture, $"min {v[0]:0.00} / median {v[v.Length / 2]:0.00} / max {v[^1]:0.00}");
    }

    private static async Task<int> SweepServerAsync(string admin, int rounds, string? candles)
    {
        const string token = "bench-token";
        await using var run = await Run.CreateAsync(admin);
        var apiPort = SiloProcess.FreePorts(1)[0].ToString(CultureInfo.InvariantCulture);
        await run.StartAsync([("control", "control")], "--api-port", apiPort, "--api-token", token);
        await run.StartAsync(("data-a", "data"), ("data-b", "data"));
        string[] data = candles is null ? ["--generate", "NEARUSDT:43200:7"] : ["--data", Path.GetFullPath(candles)];
        Console.WriteLine($"100-point sweep via --server on control + data-a + data-b ({(candles is null ? "43,200 generated bars" : Path.GetFileName(candles))}), {Environment.ProcessorCount} cores");
        for (var round = 1; round <= rounds; round++)
        {
            var output = Path.Combine(run.Directory, $"sweep-{round}");
            var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            var cpu = run.Silos.Sum(static s => CpuSeconds(s.Pid));
            var clock = Stopwatch.StartNew();
            var info = HiveBinary.StartInfo(["backtest", "--server", $"http://127.0.0.1:{apiPort}", "--api-token", token, .. data,
                "--runner", "near:NEARUSDT:ema-cross", "--sweep", "fast=5..50:5", "--sweep", "slow=60..240:20", "--objective", "sharpe", "--out", output, "--top", "3"]);
            info.RedirectStandardOutput = true;
            using var cli = Process.Start(info)!;
            var stdout = await cli.StandardOutput.ReadToEndAsync();
            await cli.WaitForExitAsync();
            clock.Stop();
            var silosCpu = run.Silos.Sum(static s => CpuSeconds(s.Pid)) - cpu;
            var loadAfter = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            if (cli.ExitCode != 0)
            {
                Console.Error.WriteLine($"round {round}: hive exited {cli.ExitCode}:\n{stdout}");
                return 1;
            }

            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "sweep.json")));
            var points = json.RootElement.GetProperty("points").EnumerateArray().ToList();
            var bySilo = points.GroupBy(static p => p.GetProperty("silo").GetString()).Select(static g => $"{g.Key} {g.Count()}");
            var sweepSeconds = json.RootElement.GetProperty("elapsedSeconds").GetDouble();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}: {points.Count} points, sweep {sweepSeconds:0.00} s = {points.Count / sweepSeconds:0.0} points/s; hive process {clock.Elapsed.TotalSeconds:0.00} s wall; silos {silosCpu:0.00} s CPU ({silosCpu * 1000 / points.Count:0.0} CPU-ms per point); load {load} -> {loadAfter}; {string.Join(", ", bySilo)}"));
        }

        return 0;
    }

    // utime + stime of /proc/PID/stat, in seconds (clock ticks of 100 Hz, Linux's USER_HZ).
    private static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static string Us(long[] sorted, double quantile) =>
        (sorted[Math.Min(sorted.Length - 1, (int)(quantile * sorted.Length))] / 10.0).ToString("0.0", CultureInfo.InvariantCulture);

    private sealed class Run : IAsyncDisposable
    {
        private readonly string _admin;
        private IHost? _client;

        private Run(string admin, string database, string directory)
        {
            _admin = admin;
            Database = database;
            Directory = directory;
            ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
        }

        public string Database { get; }

        public string Directory { get; }

        public string ConnectionString { get; }

        public string ClusterId { get; } = "bench-" + Guid.NewGuid().ToString("N")[..8];

        public List<SiloProcess> Silos { get; } = [];

        public IClusterClient Client => _client!.Services.GetRequiredService<IClusterClient>();

        public static async Task<Run> CreateAsync(string admin)
        {
            var database = "hive_bench_" + Guid.NewGuid().ToString("N")[..12];
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
                await create.ExecuteNonQueryAsync();
            }

            var directory = Path.Combine(Path.GetTempPath(), "hive-cluster-bench", database);
            System.IO.Directory.CreateDirectory(directory);
            return new Run(admin, database, directory);
        }

        public Task StartAsync(params (string Name, string Role)[] silos) =>
            StartAsync(new Dictionary<string, string>(), silos);

        public async Task StartAsync((string Name, string Role)[] silos, params string[] extra)
        {
            var started = silos.Select(s => SiloProcess.Start(s.Name, s.Role, ConnectionString, ClusterId, Directory, extra)).ToArray();
            Silos.AddRange(started);
            await Task.WhenAll(started.Select(s => s.WaitReadyAsync(TimeSpan.FromSeconds(120))));
        }

        public async Task StartAsync(IReadOnlyDictionary<string, string> environment, params (string Name, string Role)[] silos)
        {
            var started = silos.Select(s => SiloProcess.Start(s.Name, s.Role, ConnectionString, ClusterId, Directory, environment)).ToArray();
            Silos.AddRange(started);
            await Task.WhenAll(started.Select(s => s.WaitReadyAsync(TimeSpan.FromSeconds(120))));
        }

        // Through one silo's gateway only, so that the probe (placed on the silo of its caller's gateway) is there.
        public async Task ConnectAsync(SiloProcess gateway)
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.UseOrleansClient(client =>
            {
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = ClusterId;
                    o.ServiceId = "hive";
                });
                client.UseStaticClustering(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, gateway.GatewayPort));
                // A round of 20,000 calls under perf or a heavy load outlasts the default 30 s.
                client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(5));
            });
            _client = builder.Build();
            await _client.StartAsync();
        }

        public async Task<Dictionary<string, int>> FillsAsync(string silo) =>
            (await FirstFillsAsync(silo)).ToDictionary(p => p.Key, _ => 1, StringComparer.Ordinal);

        /// <summary>Each runner's first fill by an activation on <paramref name="silo"/>, with its ledger time.</summary>
        public async Task<Dictionary<string, DateTimeOffset>> FirstFillsAsync(string silo)
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT runner_id, min(recorded_at) FROM hive_ledger WHERE kind = 'Fill' AND detail LIKE '%@' || @silo || '-%' GROUP BY runner_id", connection);
            command.Parameters.AddWithValue("silo", silo);
            await using var reader = await command.ExecuteReaderAsync();
            var fills = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            while (await reader.ReadAsync())
            {
                fills[reader.GetString(0)] = reader.GetFieldValue<DateTimeOffset>(1);
            }

            return fills;
        }

        /// <summary>Whether the membership table shows <paramref name="silo"/> as dead (Orleans' status 6).</summary>
        public async Task<bool> DeadAsync(string silo)
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(*) FROM hive_membership WHERE silo_name = @silo AND status = 6", connection);
            command.Parameters.AddWithValue("silo", silo);
            return (long)(await command.ExecuteScalarAsync())! > 0;
        }

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
                    // The silos may be gone already.
                }

                _client.Dispose();
            }

            foreach (var silo in Silos)
            {
                silo.Dispose();
            }

            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_admin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
