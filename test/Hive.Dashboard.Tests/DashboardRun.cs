using System.CommandLine;
using Hive.Commands;
using Hive.Commands.Run;
using Hive.Grains.Hosting;
using Hive.Trading.Strategies;
using Spectre.Console;

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

    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _output = new();
    private Task<int>? _run;

    private DashboardRun(string root) => Root = root;

    /// <summary>The run's directory (runners file, script, data directory).</summary>
    public string Root { get; }

    /// <summary>The dashboard's base address, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>The API token the dashboard takes.</summary>
    public string Token { get; private set; } = string.Empty;

    /// <summary>What the run printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts <c>hive run</c> with <see cref="RunnerIds"/> on the simulated feed at <paramref name="speed"/> x real
    /// time (600: a one-minute bar every 100 ms, so a chart moves visibly) and waits for its HTTP endpoint.
    /// </summary>
    public static async Task<DashboardRun> StartAsync(int speed = 600)
    {
        HivePlatformExtensions.EnsureLuaStrategies();
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

        var run = new DashboardRun(root);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(new SynchronizedWriter(run._output)),
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 500;
        var rootCommand = new RootCommand();
        rootCommand.Subcommands.Add(RunCommand.Create(console, StrategyCatalog.Default));
        var dataDirectory = Path.Combine(root, "hive-data");
        string[] args = ["run", "--runners", runners, "--data-dir", dataDirectory, "--speed", speed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--duration", "30m"];
        run._run = Task.Run(() => rootCommand.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, run._stop.Token));

        // The API endpoint file comes last, once the runners are added and their feeds run.
        var endpoint = Path.Combine(dataDirectory, "api-endpoint");
        var started = TimeProvider.System.GetTimestamp();
        while (!File.Exists(endpoint))
        {
            if (run._run.IsCompleted)
            {
                await run._run;
                throw new InvalidOperationException($"hive run ended before it was ready: {run.Output}");
            }

            if (TimeProvider.System.GetElapsedTime(started) > StartDeadline)
            {
                await run.DisposeAsync();
                throw new TimeoutException($"hive run was not ready within {StartDeadline}: {run.Output}");
            }

            await Task.Delay(50);
        }

        run.Address = new Uri(File.ReadAllText(RunSession.HttpEndpointFile(dataDirectory)).Trim());
        run.Token = File.ReadAllText(Path.Combine(dataDirectory, "api-token")).Trim();
        return run;
    }

    public async ValueTask DisposeAsync()
    {
        if (_run is { IsCompleted: false })
        {
            await _stop.CancelAsync();
            try
            {
                await _run.WaitAsync(TimeSpan.FromMinutes(2));
            }
            catch (Exception ex) when (ex is TimeoutException or CliException or OperationCanceledException)
            {
                // The tests asserted what they needed; the run's own failure to drain is not theirs.
            }
        }

        _stop.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a stopping silo; the temporary directory is the system's to clean.
        }
    }

    private sealed class SynchronizedWriter(StringWriter inner) : TextWriter
    {
        public override System.Text.Encoding Encoding => inner.Encoding;

        public override void Write(char value)
        {
            lock (inner)
            {
                inner.Write(value);
            }
        }

        public override void Write(string? value)
        {
            lock (inner)
            {
                inner.Write(value);
            }
        }
    }
}
