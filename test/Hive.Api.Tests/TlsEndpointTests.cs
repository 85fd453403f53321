using System.Reflection;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Reflection.V1Alpha;
using Hive.Api.Hosting;
using Orleans;

namespace Hive.Api.Tests;

/// <summary>The API's endpoint with a certificate: TLS, and the same token check.</summary>
public sealed class TlsEndpointTests
{
    [Fact]
    public async Task StartAsync_Certificate_ServesOverTlsAndStillRequiresTheToken()
    {
        using var certificate = SelfSigned();
        await using var sut = await HiveApiServer.StartAsync(
            DispatchProxy.Create<IGrainFactory, NoGrains>(), new HiveApiEndpointOptions { Port = 0, Certificate = certificate }, o => o.Token = "tls-test-token-0123456789");
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == certificate.GetCertHashString();
        using var channel = GrpcChannel.ForAddress(sut.Address, new GrpcChannelOptions { HttpHandler = handler });
        var client = new ServerReflection.ServerReflectionClient(channel);

        var names = await ListServicesAsync(client, new Metadata { { "authorization", "Bearer tls-test-token-0123456789" } });
        var refused = await Assert.ThrowsAsync<RpcException>(() => ListServicesAsync(client, new Metadata()));

        Assert.Equal("https", sut.Address.Scheme);
        Assert.Contains("hive.v1.RunnerService", names);
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
    }

    [Fact]
    public async Task StartAsync_NoToken_RefusesToStart()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => HiveApiServer.StartAsync(
            DispatchProxy.Create<IGrainFactory, NoGrains>(), new HiveApiEndpointOptions { Port = 0 }, _ => { }));

        Assert.Contains("needs a token", error.Message, StringComparison.Ordinal);
    }

    private static async Task<List<string>> ListServicesAsync(ServerReflection.ServerReflectionClient client, Metadata headers)
    {
        using var call = client.ServerReflectionInfo(headers);
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext());
        return [.. call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name)];
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));

        // Kestrel needs the private key in a form it can hand to the TLS stack: a PFX round trip gives it one.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), password: null);
    }

    /// <summary>A grain factory for tests that call no grain: reflection needs none.</summary>
    public class NoGrains : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            throw new InvalidOperationException($"this test calls no grain ({targetMethod?.Name})");
    }
}
