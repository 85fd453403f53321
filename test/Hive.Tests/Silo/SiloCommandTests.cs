using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using Hive.Commands;
using Microsoft.Extensions.Configuration;

namespace Hive.Tests.Silo;

public sealed class SiloCommandTests
{
    [Fact]
    public async Task Invoke_PostgresNotListening_FailsWithUnavailableNamingTheServer()
    {
        // A port nothing listens on: the connection is refused at once.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var root = new RootCommand("test");
        root.Subcommands.Add(SiloCommand.Create(TextWriter.Null, configuration: new ConfigurationBuilder().Build()));
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        int code;
        try
        {
            code = await CommandRunner.InvokeAsync(root, ["silo", "--role", "live", "--postgres", $"Host=127.0.0.1;Port={port};Username=hive;Database=hive"]).WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            Console.SetError(previous);
        }

        Assert.Equal(ExitCodes.Unavailable, code);
        Assert.StartsWith($"error: --postgres: cannot reach PostgreSQL at 127.0.0.1:{port}, database hive:", error.ToString(), StringComparison.Ordinal);
    }
}
