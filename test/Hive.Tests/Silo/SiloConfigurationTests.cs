using System.Net;
using Hive.Commands;
using Hive.Silo;
using Microsoft.Extensions.Configuration;

namespace Hive.Tests.Silo;

public sealed class SiloConfigurationTests
{
    private const string Postgres = "Host=127.0.0.1;Database=hive";

    private static SiloConfiguration.CommandLine Line(string? role = "live", string[]? tags = null, string? postgres = Postgres, string? name = null,
        string? advertise = null, int? siloPort = null, int? httpPort = null, string? runners = null) =>
        new(role, tags ?? [], postgres, name, advertise, siloPort, null, httpPort, null, null, runners, null, null, null);

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Resolve_OnlyEnvironment_TakesHiveSiloKeysHivePostgresAndPodIdentity()
    {
        var sut = SiloConfiguration.Resolve(
            Line(role: null, postgres: null),
            Config(("Hive:Silo:Role", "Data"), ("Hive:Silo:Tags", "high_ram, region=eu"), ("HIVE_POSTGRES", Postgres),
                ("POD_NAME", "hive-data-0"), ("POD_IP", "10.1.2.3"), ("Hive:Silo:SiloPort", "12000")));

        Assert.Equal("data", sut.Role);
        Assert.Equal(["high_ram", "region=eu"], sut.Tags);
        Assert.Equal(Postgres, sut.Postgres);
        Assert.Equal("hive-data-0", sut.Name);
        Assert.Equal(IPAddress.Parse("10.1.2.3"), sut.Advertise);
        Assert.Equal((12000, SiloConfiguration.DefaultGatewayPort, SiloConfiguration.DefaultHttpPort), (sut.SiloPort, sut.GatewayPort, sut.HttpPort));
        Assert.Equal(("hive", "hive"), (sut.ClusterId, sut.ServiceId));
    }

    [Fact]
    public void Resolve_CommandLineAndEnvironment_CommandLineWins()
    {
        var sut = SiloConfiguration.Resolve(
            Line(role: "control", name: "c1", advertise: "127.0.0.1"),
            Config(("Hive:Silo:Role", "live"), ("POD_NAME", "pod"), ("POD_IP", "10.0.0.1")));

        Assert.Equal(("control", "c1", IPAddress.Loopback), (sut.Role, sut.Name, sut.Advertise));
    }

    [Theory]
    [InlineData("worker", null, null, null, "--role: unknown role 'worker'")]
    [InlineData(null, null, null, null, "--role is required")]
    [InlineData("live", "=x", null, null, "--tag: bad silo tag '=x'")]
    [InlineData("live", null, "not-an-ip", null, "--advertise: 'not-an-ip' is not an IP address")]
    [InlineData("live", null, null, 70000, "--silo-port must be a port number from 1 to 65535, got 70000")]
    public void Resolve_BadOption_FailsWithOneLineNamingTheOption(string? role, string? tag, string? advertise, int? siloPort, string expected)
    {
        var line = Line(role: role, tags: tag is null ? null : [tag], advertise: advertise, siloPort: siloPort);

        var error = Record.Exception(() => SiloConfiguration.Resolve(line, Config()));

        var cli = Assert.IsType<CliException>(error);
        Assert.StartsWith(expected, cli.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, cli.ExitCode);
        Assert.DoesNotContain('\n', cli.Message);
    }

    [Fact]
    public void Resolve_NoPostgresAnywhere_NamesTheOptionAndTheVariable()
    {
        var error = Assert.Throws<CliException>(() => SiloConfiguration.Resolve(Line(postgres: null), Config()));

        Assert.Equal("--postgres is required: the cluster's PostgreSQL connection string (or set HIVE_POSTGRES)", error.Message);
    }

    [Fact]
    public void Resolve_BadPortInEnvironment_NamesTheVariable()
    {
        var error = Assert.Throws<CliException>(() => SiloConfiguration.Resolve(Line(), Config(("Hive:Silo:HttpPort", "eighty"))));

        Assert.Equal("Hive__Silo__HttpPort (for --http-port) must be a port number from 1 to 65535, got 'eighty'", error.Message);
    }

    [Fact]
    public void Resolve_RunnersOnALiveSilo_IsRefused()
    {
        var file = Path.GetTempFileName();
        try
        {
            var error = Assert.Throws<CliException>(() => SiloConfiguration.Resolve(Line(runners: file), Config()));

            Assert.Equal("--runners: only a control silo loads runners at start; this silo's role is live", error.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
