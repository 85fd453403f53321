using Hive.Commands.Run;

namespace Hive.Dashboard.Tests;

/// <summary>
/// A <c>hive run</c> in this process, through the command as the executable runs it, on a directory of its own: its
/// HTTP host serves the dashboard at <see cref="Address"/> with <see cref="Token"/>. Disposing it stops the run (as
/// Ctrl-C does), waits for the drain and deletes the directory.
/// </summary>
public sealed class DashboardRun : IAsyncDisposable
{
    // Starting three silos on this 2-core machine while other tests run takes several seconds; give it a minute.
    private static readonly TimeSpan StartDeadline = TimeSpan.FromMinutes(1);

    /// <summary>Trades on every bar it can: opportunity, enter, exit, again (so fills and markers come fast).</summary>
    public const string AlternatingScript = """
        function detect_opportunity(market_data, context, indicators) return {} end
        function filter_commitment(market_data, context, indicators) return { action = "enter_long", quantity = 1 } end
        function manage_position(market_data, context, indicators) return { action = "exit" } end
        """;

    /// <summary>The runners every run starts with: one trading constantly, one on EMA crossings.</summary>
    public static readonly string[] RunnerIds = ["btc_alt", "eth_ema"];

    private readonly InProcessHiveRun _run;

    private DashboardRun(string root, IReadOnlyList<string> args)
    {
        Root = root;
        _run = new InProcessHiveRun(args);
    }

    /// <summary>The run's directory (runners file, script, data directory).</summary>
    public string Root { get; }

    /// <summary>The dashboard's base address, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>The API token the dashboard takes.</summary>
    public string Token { get; private set; } = string.Empty;

    /// <summary>What the run printed so far.</summary>
    public string Output => _run.Output;

    /// <summary>
    /// Starts <c>hive run</c> with <see cref="RunnerIds"/> on the simulated feed at <paramref name="speed"/> x real
    /// time (600: a one-minute bar every 100 ms, so a chart moves visibly) and waits for its HTTP endpoint.
    /// </summary>
    public static async Task<DashboardRun> StartAsync(int speed = 600)
    {
        var root = Path.Combine(Path.GetTempPath(), "hive-dashboard-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "alternating.lua"), AlternatingScript);
        var runners = Path.Combine(root, "runners.yaml");
        File.WriteAllText(runners, """
            runners:
              - id: btc_alt
                symbol: BTCUSDT
                strategy: alternating.lua
              - id: eth_ema
                symbol: ETHUSDT
                strategy: ema-cross
            """);

        var dataDirectory = Path.Combine(root, "hive-data");
        var run = new DashboardRun(root, ["--runners", runners, "--data-dir", dataDirectory, "--speed", speed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--duration", "30m"]);

        // The API endpoint file comes last, once the runners are added and their feeds run.
        try
        {
            await run._run.WaitForFileAsync(Path.Combine(dataDirectory, "api-endpoint"), StartDeadline);
        }
        catch (TimeoutException)
        {
            await run.DisposeAsync();
            throw;
        }

        run.Address = new Uri(File.ReadAllText(RunSession.HttpEndpointFile(dataDirectory)).Trim());
        run.Token = File.ReadAllText(Path.Combine(dataDirectory, "api-token")).Trim();
        return run;
    }

    public async ValueTask DisposeAsync()
    {
        await _run.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a stopping silo; the temporary directory is the system's to clean.
        }
    }
}
