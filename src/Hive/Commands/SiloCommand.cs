using System.CommandLine;
using Hive.Silo;
using Hive.Trading.Strategies;
using Microsoft.Extensions.Configuration;

namespace Hive.Commands;

/// <summary>
/// <c>hive silo</c>: one silo of a real cluster, as a long-running process. Its membership, grain state and ledger are
/// in PostgreSQL; its role (live, data, control) and tags decide which grains it hosts; it serves HTTP health endpoints;
/// SIGTERM or Ctrl-C drains it (grains persist, the silo leaves the cluster) and it exits 0. Every option can also come
/// from configuration (<see cref="SiloConfiguration"/>).
/// </summary>
internal static class SiloCommand
{
    public static Command Create(TextWriter? output = null, StrategyCatalog? catalog = null, IConfiguration? configuration = null)
    {
        var role = new Option<string?>("--role") { HelpName = "live|data|control", Description = "The silo's role: live (runners, feeds, gateways), data (backtests, datasets) or control (registry, orchestration). Env: Hive__Silo__Role." };
        var tags = new Option<string[]>("--tag") { HelpName = "KEY[=VALUE]", Description = "A silo tag (repeatable): low_latency, high_ram, region=eu. Env: Hive__Silo__Tags (comma-separated).", AllowMultipleArgumentsPerToken = false };
        var postgres = new Option<string?>("--postgres") { HelpName = "CONNECTION", Description = "The cluster's PostgreSQL connection string (membership, grain state, ledger). Env: HIVE_POSTGRES." };
        var name = new Option<string?>("--name") { HelpName = "NAME", Description = "The silo's name, unique in the cluster. Env: Hive__Silo__Name or POD_NAME; default ROLE-HOST-SILOPORT." };
        var advertise = new Option<string?>("--advertise") { HelpName = "IP", Description = "The address other silos and clients reach this silo at. Env: Hive__Silo__Advertise or POD_IP; default: the host's address." };
        var siloPort = new Option<int?>("--silo-port") { HelpName = "N", Description = $"Silo-to-silo port (default {SiloConfiguration.DefaultSiloPort}). Env: Hive__Silo__SiloPort." };
        var gatewayPort = new Option<int?>("--gateway-port") { HelpName = "N", Description = $"Client gateway port (default {SiloConfiguration.DefaultGatewayPort}). Env: Hive__Silo__GatewayPort." };
        var httpPort = new Option<int?>("--http-port") { HelpName = "N", Description = $"HTTP port of /health/live and /health/ready (default {SiloConfiguration.DefaultHttpPort}). Env: Hive__Silo__HttpPort." };
        var clusterId = new Option<string?>("--cluster-id") { HelpName = "ID", Description = $"Orleans cluster ID (default {SiloConfiguration.DefaultClusterId}). Env: Hive__Silo__ClusterId." };
        var serviceId = new Option<string?>("--service-id") { HelpName = "ID", Description = $"Orleans service ID; grain state is kept under it (default {SiloConfiguration.DefaultServiceId}). Env: Hive__Silo__ServiceId." };
        var runners = new Option<string?>("--runners") { HelpName = "FILE", Description = "Control silos: add the runners of this YAML file at start (those not registered yet) and start their feeds. Env: Hive__Silo__Runners." };
        var data = new Option<string?>("--data") { HelpName = "DIR", Description = "With --runners: replay the Binance candle files in DIR for the runners' symbols instead of a simulated feed. Env: Hive__Silo__Data." };
        var speed = new Option<string?>("--speed") { HelpName = "N|max", Description = "With --runners: feed speed, N x real time (default 1 with --data, 6000 simulated); max replays as fast as the runners take it." };
        var apiPort = new Option<int?>("--api-port") { HelpName = "N", Description = $"Port of the gRPC API hive.v1 (HTTP/2, h2c; default {SiloConfiguration.DefaultApiPort}); served when an API token is set. Env: Hive__Silo__ApiPort." };
        var apiToken = new Option<string?>("--api-token") { HelpName = "TOKEN", Description = "Bearer token every API call but health must carry; without one the silo serves no API. Env: HIVE_API_TOKEN." };
        var logFormat = new Option<string?>("--log-format") { HelpName = "text|json", Description = "Console log format: text (default) or json (one object per line, with scopes: runner ID, symbol, deployment epoch). Env: Hive__Silo__LogFormat." };
        var account = new Option<string?>("--account") { HelpName = "NAME", Description = "With --runners: the broker account (paper) the runners trade through (default paper)." };

        var command = new Command("silo", "Run one silo of a Hive cluster on PostgreSQL (a long-running process; SIGTERM drains it).");
        foreach (var option in new Option[] { role, tags, postgres, name, advertise, siloPort, gatewayPort, httpPort, clusterId, serviceId, runners, data, speed, account, apiPort, apiToken, logFormat })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var config = configuration ?? new ConfigurationBuilder().AddEnvironmentVariables().Build();
            var settings = SiloConfiguration.Resolve(
                new SiloConfiguration.CommandLine(
                    parse.GetValue(role), parse.GetValue(tags) ?? [], parse.GetValue(postgres), parse.GetValue(name), parse.GetValue(advertise),
                    parse.GetValue(siloPort), parse.GetValue(gatewayPort), parse.GetValue(httpPort), parse.GetValue(clusterId), parse.GetValue(serviceId),
                    parse.GetValue(runners), parse.GetValue(data), parse.GetValue(speed), parse.GetValue(account),
                    parse.GetValue(apiPort), parse.GetValue(apiToken), parse.GetValue(logFormat)),
                config);
            var session = new SiloSession(output ?? Console.Out, catalog ?? StrategyCatalog.Default);
            return await session.RunAsync(settings, config, cancellationToken);
        });
        return command;
    }
}
