using System.Net.Sockets;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Hive.Api;
using Hive.Api.V1;

namespace Hive.Commands.Api;

/// <summary>
/// A channel to the Hive API with the bearer token on every call, and the translation of its failures into one-line
/// errors with the documented exit codes (<see cref="Fail"/>).
/// </summary>
internal sealed class ApiConnection : IDisposable
{
    // An unreachable server fails the command within seconds rather than hanging on a connect.
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(3);

    private readonly GrpcChannel _channel;

    private ApiConnection(Uri address, GrpcChannel channel, CallInvoker invoker)
    {
        Address = address;
        _channel = channel;
        Runners = new RunnerService.RunnerServiceClient(invoker);
        Cluster = new ClusterService.ClusterServiceClient(invoker);
        Gateway = new GatewayService.GatewayServiceClient(invoker);
        Backtests = new BacktestService.BacktestServiceClient(invoker);
        Sweeps = new SweepService.SweepServiceClient(invoker);
        Market = new MarketService.MarketServiceClient(invoker);
    }

    public Uri Address { get; }

    public RunnerService.RunnerServiceClient Runners { get; }

    public ClusterService.ClusterServiceClient Cluster { get; }

    public GatewayService.GatewayServiceClient Gateway { get; }

    public BacktestService.BacktestServiceClient Backtests { get; }

    public SweepService.SweepServiceClient Sweeps { get; }

    public MarketService.MarketServiceClient Market { get; }

    /// <summary>The deadline of a unary call.</summary>
    public static DateTime Deadline => DateTime.UtcNow.AddSeconds(60);

    public static ApiConnection Create(string? server, string? token, string dataDirectory)
    {
        var address = ResolveServer(server, dataDirectory);
        token ??= Environment.GetEnvironmentVariable(HiveApiOptions.TokenVariable);
        if (string.IsNullOrEmpty(token))
        {
            var file = LocalApi.TokenFile(dataDirectory);
            token = File.Exists(file)
                ? File.ReadAllText(file).Trim()
                : throw new CliException($"no API token: give --api-token TOKEN or set {HiveApiOptions.TokenVariable} (a local hive run writes it to {file})");
        }

        var handler = new SocketsHttpHandler { ConnectTimeout = ConnectTimeout, EnableMultipleHttp2Connections = true };
        var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler, MaxReceiveMessageSize = 256 * 1024 * 1024 });
        var header = "Bearer " + token;
        var invoker = channel.Intercept(metadata =>
        {
            metadata.Add(HiveApiOptions.AuthorizationHeader, header);
            return metadata;
        });
        return new ApiConnection(address, channel, invoker);
    }

    /// <summary>The one-line error and exit code of a failed call.</summary>
    public CliException Fail(RpcException ex)
    {
        var detail = ex.Status.Detail;
        return ex.StatusCode switch
        {
            StatusCode.Unavailable or StatusCode.DeadlineExceeded when IsConnectFailure(ex) =>
                new CliException($"cannot reach the Hive API at {Address}: {Innermost(ex)}", ExitCodes.Unavailable),
            StatusCode.Unavailable or StatusCode.DeadlineExceeded => new CliException($"{Name(ex.StatusCode)}: {detail}", ExitCodes.Unavailable),
            StatusCode.Unauthenticated => new CliException($"UNAUTHENTICATED: {detail} (give --api-token or set {HiveApiOptions.TokenVariable})", ExitCodes.Unauthenticated),
            StatusCode.FailedPrecondition or StatusCode.Aborted => new CliException($"{Name(ex.StatusCode)}: {detail}", ExitCodes.Failed),
            StatusCode.Internal or StatusCode.Unknown or StatusCode.Unimplemented or StatusCode.DataLoss =>
                new CliException($"{Name(ex.StatusCode)}: {detail} (the server failed; see its log)", ExitCodes.Failed),
            _ => new CliException($"{Name(ex.StatusCode)}: {detail}", ExitCodes.BadInput),
        };
    }

    public void Dispose() => _channel.Dispose();

    // NOT_FOUND, INVALID_ARGUMENT, … as gRPC names its codes.
    private static string Name(StatusCode code) => string.Concat(code.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();

    private static bool IsConnectFailure(RpcException ex) =>
        ex.Status.DebugException is HttpRequestException or SocketException or TaskCanceledException or TimeoutException
        || ex.Status.DebugException?.InnerException is SocketException or TimeoutException;

    private static string Innermost(RpcException ex) => ex.Status.DebugException?.GetBaseException().Message ?? ex.Status.Detail;

    private static Uri ResolveServer(string? server, string dataDirectory)
    {
        if (server is null)
        {
            var file = LocalApi.EndpointFile(dataDirectory);
            if (!File.Exists(file))
            {
                throw new CliException($"no hive run is serving on {Path.GetFullPath(dataDirectory)} (no {file}): start hive run, or give --server URL", ExitCodes.Unavailable);
            }

            server = File.ReadAllText(file).Trim();
        }

        if (!Uri.TryCreate(server, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            throw new CliException($"--server: expected http://HOST:PORT or https://HOST:PORT, got '{server}'");
        }

        return address;
    }
}
