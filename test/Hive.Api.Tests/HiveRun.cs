using System.CommandLine;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Hive.Api.V1;
using Hive.Commands;
using Hive.Commands.Run;
using Hive.Grains.Hosting;
using Hive.Trading.Strategies;
using Spectre.Console;

namespace Hive.Api.Tests;

/// <summary>
/// A <c>hive run</c> in this process, through the command as the executable runs it, on a data directory of its own,
/// with clients of its API. Disposing it stops the run (as Ctrl-C does) and waits for the drain.
/// </summary>
internal sealed class HiveRun : IAsyncDisposable
{
    // Starting three silos on this 2-core machine while other tests run takes several seconds; give it a minute.
    private static readonly TimeSpan StartDeadline = TimeSpan.FromMinutes(1);

    // Trades on every bar it can: opportunity, enter, exit, again.
    public const string AlternatingScript = """
        function detect_opportunity(market_data, context, indicators) return {} end
        function filter_commitment(market_data, context, indicators) return { action = "enter_long", quantity = 1 } end
        function manage_position(market_data, context, indicators) return { action = "exit" } end
        """;

    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _output = new();
    private Task<int>? _run;
    private GrpcChannel? _channel;

    private HiveRun(string root, string dataDirectory)
    {
        Root = root;
        DataDirectory = dataDirectory;
    }

    public string Root { get; }

    public string DataDirectory { get; }

    public Uri Address { get; private set; } = null!;

    public string Token { get; private set; } = string.Empty;

    public RunOutcome? Outcome { get; private set; }

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

    public CallInvoker Invoker { get; private set; } = null!;

    public RunnerService.RunnerServiceClient Runners => new(Invoker);

    public GatewayService.GatewayServiceClient Gateway => new(Invoker);

    public ClusterService.ClusterServiceClient Cluster => new(Invoker);

    public BacktestService.BacktestServiceClient Backtests => new(Invoker);

    public MarketService.MarketServiceClient Market => new(Invoker);

    /// <summary>A channel without the token.</summary>
    public GrpcChannel Channel => _channel!;

    /// <summary>Starts <c>hive run --runners RUNNERS</c> on <paramref name="dataDirectory"/> and waits for its API.</summary>
    public static async Task<HiveRun> StartAsync(string root, string dataDirectory, string runnersFile, params string[] extra)
    {
        HivePlatformExtensions.EnsureLuaStrategies();
        var run = new HiveRun(root, dataDirectory);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(new SynchronizedWriter(run._output)),
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 500;
        var rootCommand = new RootCommand();
        rootCommand.Subcommands.Add(RunCommand.Create(console, StrategyCatalog.Default, completed: o => run.Outcome = o));
        string[] args = ["run", "--runners", runnersFile, "--data-dir", dataDirectory, "--speed", "60000", .. extra];
        run._run = Task.Run(() => rootCommand.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, run._stop.Token));

        var endpoint = Path.Combine(dataDirectory, "api-endpoint");
        var started = TimeProvider.System.GetTimestamp();
        while (!File.Exists(endpoint))
        {
            if (run._run.IsCompleted)
            {
                await run._run;
                throw new InvalidOperationException($"hive run ended before serving its API: {run.Output}");
            }

            if (TimeProvider.System.GetElapsedTime(started) > StartDeadline)
            {
                await run.DisposeAsync();
                throw new TimeoutException($"hive run did not serve its API within {StartDeadline}: {run.Output}");
            }

            await Task.Delay(50);
        }

        run.Address = new Uri(File.ReadAllText(endpoint).Trim());
        run.Token = File.ReadAllText(Path.Combine(dataDirectory, "api-token")).Trim();
        run._channel = GrpcChannel.ForAddress(run.Address);
        var header = "Bearer " + run.Token;
        run.Invoker = run._channel.Intercept(m =>
        {
            m.Add("authorization", header);
            return m;
        });
        return run;
    }

    /// <summary>Stops the run as Ctrl-C does and returns its exit code once it drained.</summary>
    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await _run!.WaitAsync(TimeSpan.FromMinutes(2));
    }

    public async ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        if (_run is { IsCompleted: false })
        {
            try
            {
                await StopAsync();
            }
            catch (Exception ex) when (ex is TimeoutException or CliException or OperationCanceledException)
            {
                // The test already failed or asserted what it needed; the run's own failure is not this one's.
            }
        }

        _stop.Dispose();
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
