using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Hive.Api.V1;
using Hive.Commands.Run;

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

    private InProcessHiveRun? _run;
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

    public RunOutcome? Outcome => _run?.Outcome;

    public string Output => _run?.Output ?? string.Empty;

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
        var run = new HiveRun(root, dataDirectory)
        {
            _run = new InProcessHiveRun(["--runners", runnersFile, "--data-dir", dataDirectory, "--speed", "60000", .. extra]),
        };
        var endpoint = Path.Combine(dataDirectory, "api-endpoint");
        try
        {
            await run._run.WaitForFileAsync(endpoint, StartDeadline);
        }
        catch (TimeoutException)
        {
            await run.DisposeAsync();
            throw;
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
    public Task<int> StopAsync() => _run!.StopAsync();

    public async ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        if (_run is not null)
        {
            await _run.DisposeAsync();
        }
    }
}
