using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hive.Api.Hosting;

/// <summary>
/// Every call of the API passes here: the bearer token is checked before anything runs (the health service alone is
/// open, so that probes need no secret), and what the handler throws becomes a status with a message naming the
/// problem (<see cref="ApiErrors"/>).
/// </summary>
internal sealed class ApiInterceptor(IOptions<HiveApiOptions> options, ILogger<ApiInterceptor> logger) : Interceptor
{
    private const string HealthServicePrefix = "/grpc.health.v1.Health/";
    private const string BearerPrefix = "Bearer ";

    private readonly byte[] _token = Encoding.UTF8.GetBytes(options.Value.Token ?? string.Empty);

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        try
        {
            return await continuation(request, context).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Translate(ex, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        try
        {
            await continuation(request, responseStream, context).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Translate(ex, context);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        try
        {
            return await continuation(requestStream, context).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Translate(ex, context);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        try
        {
            await continuation(requestStream, responseStream, context).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Translate(ex, context);
        }
    }

    private void Authenticate(ServerCallContext context)
    {
        if (context.Method.StartsWith(HealthServicePrefix, StringComparison.Ordinal))
        {
            return;
        }

        var header = context.RequestHeaders.GetValue(HiveApiOptions.AuthorizationHeader);
        if (header is null)
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "missing bearer token: send 'authorization: Bearer TOKEN' (hive run prints the token and writes it to <data-dir>/api-token)"));
        }

        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[BearerPrefix.Length..].Trim()), _token))
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "invalid bearer token"));
        }
    }

    private RpcException Translate(Exception ex, ServerCallContext context)
    {
        var status = ApiErrors.ToStatus(ex, context.CancellationToken);
        if (status.StatusCode == StatusCode.Internal)
        {
            logger.LogError(ex, "Hive API {Method} failed", context.Method);
        }

        return new RpcException(status);
    }
}
