using System.Net;
using System.Net.Sockets;
using System.Text;
using Hive.Commands;

namespace Hive.Tests.Deployment;

public sealed class HealthCommandTests
{
    [Theory]
    [InlineData(200, "Healthy", ExitCodes.Success)]
    [InlineData(503, "Unhealthy", ExitCodes.Failed)]
    public async Task CheckAsync_EndpointAnswers_ExitCodeFollowsStatus(int status, string body, int expected)
    {
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var serve = Task.Run(async () =>
        {
            var context = await listener.GetContextAsync();
            context.Response.StatusCode = status;
            var bytes = Encoding.UTF8.GetBytes(body);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
            return context.Request.Url!.AbsolutePath;
        });
        var output = new StringWriter();

        var sut = await HealthCommand.CheckAsync($"http://127.0.0.1:{port}/health/live", TimeSpan.FromSeconds(10), output, CancellationToken.None);

        Assert.Equal(expected, sut);
        Assert.Equal("/health/live", await serve);
        Assert.Equal($"{status} {body}", output.ToString().Trim());
    }

    [Fact]
    public async Task CheckAsync_NothingListening_UnavailableNamingTheAddress()
    {
        var url = $"http://127.0.0.1:{FreePort()}/health/live";

        var sut = await Assert.ThrowsAsync<CliException>(() => HealthCommand.CheckAsync(url, TimeSpan.FromSeconds(3), TextWriter.Null, CancellationToken.None));

        Assert.Equal(ExitCodes.Unavailable, sut.ExitCode);
        Assert.Contains(url, sut.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_NotAnHttpUrl_BadInput()
    {
        var sut = await Assert.ThrowsAsync<CliException>(() => HealthCommand.CheckAsync("localhost:8080", TimeSpan.FromSeconds(1), TextWriter.Null, CancellationToken.None));

        Assert.Equal(ExitCodes.BadInput, sut.ExitCode);
        Assert.Contains("localhost:8080", sut.Message, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
