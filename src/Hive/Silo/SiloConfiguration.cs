using System.Globalization;
using System.Net;
using Hive.Commands;
using Hive.Grains.Placement;
using Microsoft.Extensions.Configuration;

namespace Hive.Silo;

/// <summary>
/// Resolves <see cref="SiloSettings"/>: each setting from its command-line option, else from configuration — the
/// section <c>Hive:Silo</c> (environment <c>Hive__Silo__Role</c>, <c>Hive__Silo__Tags</c> as a comma-separated list or
/// <c>Hive__Silo__Tags__0</c>…, <c>Hive__Silo__Name</c>, <c>Hive__Silo__Advertise</c>, <c>Hive__Silo__SiloPort</c>,
/// <c>Hive__Silo__GatewayPort</c>, <c>Hive__Silo__HttpPort</c>, <c>Hive__Silo__ClusterId</c>,
/// <c>Hive__Silo__ServiceId</c>), <c>HIVE_POSTGRES</c> (or <c>Hive:Postgres</c>) for the connection string, and
/// Orleans' Kubernetes convention <c>POD_NAME</c> / <c>POD_IP</c> for the name and the advertised address — else the
/// defaults. A bad value fails with a one-line error naming the option and where the value came from.
/// </summary>
internal static class SiloConfiguration
{
    public const int DefaultSiloPort = 11111;
    public const int DefaultGatewayPort = 30000;
    public const int DefaultHttpPort = 8080;
    public const int DefaultApiPort = 7070;
    public const string DefaultClusterId = "hive";
    public const string DefaultServiceId = "hive";

    /// <summary>The values given on the command line; <c>null</c> (or empty) for an option not given.</summary>
    internal sealed record CommandLine(
        string? Role,
        IReadOnlyList<string> Tags,
        string? Postgres,
        string? Name,
        string? Advertise,
        int? SiloPort,
        int? GatewayPort,
        int? HttpPort,
        string? ClusterId,
        string? ServiceId,
        string? RunnersFile,
        string? DataFolder,
        string? Speed,
        string? Account,
        int? ApiPort = null,
        string? ApiToken = null,
        string? LogFormat = null);

    public static SiloSettings Resolve(CommandLine line, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Hive:Silo");

        var (role, roleSource) = Pick(line.Role, "--role", section["Role"], "Hive__Silo__Role");
        if (role is null)
        {
            throw new CliException("--role is required: live, data or control (or set Hive__Silo__Role)");
        }

        role = role.Trim().ToLowerInvariant();
        if (!SiloRoles.IsKnown(role))
        {
            throw new CliException($"{roleSource}: unknown role '{role}'; expected live, data or control");
        }

        var tags = line.Tags.Count > 0 ? line.Tags : ConfiguredTags(section);
        try
        {
            SiloRoles.Metadata(role, tags);
        }
        catch (ArgumentException ex)
        {
            throw new CliException($"{(line.Tags.Count > 0 ? "--tag" : "Hive__Silo__Tags")}: {ex.Message}");
        }

        var (postgres, postgresSource) = Pick(line.Postgres, "--postgres", configuration["HIVE_POSTGRES"] ?? configuration["Hive:Postgres"], "HIVE_POSTGRES");
        if (string.IsNullOrWhiteSpace(postgres))
        {
            throw new CliException("--postgres is required: the cluster's PostgreSQL connection string (or set HIVE_POSTGRES)");
        }

        var siloPort = Port(line.SiloPort, "--silo-port", section["SiloPort"], "Hive__Silo__SiloPort", DefaultSiloPort);
        var gatewayPort = Port(line.GatewayPort, "--gateway-port", section["GatewayPort"], "Hive__Silo__GatewayPort", DefaultGatewayPort);
        var httpPort = Port(line.HttpPort, "--http-port", section["HttpPort"], "Hive__Silo__HttpPort", DefaultHttpPort);
        var apiPort = Port(line.ApiPort, "--api-port", section["ApiPort"], "Hive__Silo__ApiPort", DefaultApiPort);
        if (new[] { siloPort, gatewayPort, httpPort, apiPort }.Distinct().Count() != 4)
        {
            throw new CliException($"--silo-port {siloPort}, --gateway-port {gatewayPort}, --http-port {httpPort} and --api-port {apiPort} must differ");
        }

        var (apiToken, _) = Pick(line.ApiToken, "--api-token", configuration["HIVE_API_TOKEN"] ?? section["ApiToken"], "HIVE_API_TOKEN");
        var (logFormat, logSource) = Pick(line.LogFormat, "--log-format", section["LogFormat"], "Hive__Silo__LogFormat");
        var jsonLogs = (logFormat?.Trim().ToLowerInvariant()) switch
        {
            null or "" or "text" => false,
            "json" => true,
            _ => throw new CliException($"{logSource}: log format '{logFormat}' is not text or json"),
        };

        var (advertiseText, advertiseSource) = Pick(line.Advertise, "--advertise", section["Advertise"] ?? configuration["POD_IP"], section["Advertise"] is null ? "POD_IP" : "Hive__Silo__Advertise");
        IPAddress? advertise = null;
        if (!string.IsNullOrWhiteSpace(advertiseText) && !IPAddress.TryParse(advertiseText.Trim(), out advertise))
        {
            throw new CliException($"{advertiseSource}: '{advertiseText}' is not an IP address");
        }

        var (name, nameSource) = Pick(line.Name, "--name", section["Name"] ?? configuration["POD_NAME"], section["Name"] is null ? "POD_NAME" : "Hive__Silo__Name");
        name = string.IsNullOrWhiteSpace(name)
            ? string.Create(CultureInfo.InvariantCulture, $"{role}-{Environment.MachineName}-{siloPort}")
            : CheckName(name.Trim(), nameSource);

        var (clusterId, clusterSource) = Pick(line.ClusterId, "--cluster-id", section["ClusterId"], "Hive__Silo__ClusterId");
        var (serviceId, serviceSource) = Pick(line.ServiceId, "--service-id", section["ServiceId"], "Hive__Silo__ServiceId");

        string? runners = line.RunnersFile ?? section["Runners"];
        string? data = line.DataFolder ?? section["Data"];
        var account = line.Account ?? section["Account"] ?? "paper";
        var speedText = line.Speed ?? section["Speed"];
        double speed = 1;
        if (runners is not null && role != SiloRoles.Control)
        {
            throw new CliException($"--runners: only a control silo loads runners at start; this silo's role is {role}");
        }

        if (runners is not null && !File.Exists(runners))
        {
            throw new CliException($"--runners: no such file: {runners}");
        }

        if (data is not null && runners is null)
        {
            throw new CliException("--data replays candles for the runners of --runners; give --runners too");
        }

        if (speedText is not null)
        {
            if (string.Equals(speedText.Trim(), "max", StringComparison.OrdinalIgnoreCase))
            {
                speed = 0;
            }
            else if (!double.TryParse(speedText, NumberStyles.Float, CultureInfo.InvariantCulture, out speed) || !double.IsFinite(speed) || speed <= 0)
            {
                throw new CliException($"--speed must be a positive number or max, got '{speedText}'");
            }
        }

        return new SiloSettings(
            role, [.. tags], postgres.Trim(), name, advertise, siloPort, gatewayPort, httpPort,
            CheckName(clusterId ?? DefaultClusterId, clusterSource), CheckName(serviceId ?? DefaultServiceId, serviceSource),
            runners, data, speed, account, apiPort, string.IsNullOrWhiteSpace(apiToken) ? null : apiToken.Trim(), jsonLogs);
    }

    private static (string? Value, string Source) Pick(string? commandLine, string option, string? configured, string variable) =>
        !string.IsNullOrWhiteSpace(commandLine) ? (commandLine, option) : (configured, $"{variable} (for {option})");

    private static List<string> ConfiguredTags(IConfigurationSection section)
    {
        var tags = new List<string>();
        if (section["Tags"] is { } list)
        {
            tags.AddRange(list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        foreach (var child in section.GetSection("Tags").GetChildren())
        {
            if (!string.IsNullOrWhiteSpace(child.Value))
            {
                tags.Add(child.Value.Trim());
            }
        }

        return tags;
    }

    private static int Port(int? commandLine, string option, string? configured, string variable, int fallback)
    {
        if (commandLine is { } given)
        {
            return given is > 0 and <= 65535 ? given : throw new CliException($"{option} must be a port number from 1 to 65535, got {given}");
        }

        if (configured is null)
        {
            return fallback;
        }

        return int.TryParse(configured, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : throw new CliException($"{variable} (for {option}) must be a port number from 1 to 65535, got '{configured}'");
    }

    private static string CheckName(string value, string source) =>
        value.Length > 0 && value.Length <= 128 && value.All(static c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')
            ? value
            : throw new CliException($"{source}: '{value}' must be 1 to 128 letters, digits, '_', '-' or '.'");
}
