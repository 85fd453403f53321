using System.Net;

namespace Hive.Silo;

/// <summary>
/// The settings of one <c>hive silo</c> process, resolved from its command line over its configuration
/// (<see cref="SiloConfiguration"/>).
/// </summary>
/// <param name="Role">live, data or control.</param>
/// <param name="Tags">Silo tags, <c>KEY</c> or <c>KEY=VALUE</c>.</param>
/// <param name="Postgres">The PostgreSQL connection string of the cluster (membership, grain state, ledger).</param>
/// <param name="Name">The silo's name, unique in the cluster.</param>
/// <param name="Advertise">The address other silos and clients reach this one at; <c>null</c> lets Orleans pick the host's.</param>
/// <param name="SiloPort">Silo-to-silo port.</param>
/// <param name="GatewayPort">Client gateway port.</param>
/// <param name="HttpPort">HTTP port (health now; the API and dashboard later).</param>
/// <param name="ClusterId">Orleans cluster ID: silos with the same one form a cluster.</param>
/// <param name="ServiceId">Orleans service ID: grain state is keyed by it, so it survives redeployments under a new cluster ID.</param>
/// <param name="RunnersFile">Control silos: a runners YAML file whose runners are added at start when not registered yet.</param>
/// <param name="DataFolder">Control silos: candle files to replay for the runners' symbols (a simulated feed otherwise).</param>
/// <param name="Speed">Control silos: the feeds' speed, real time × N; 0 for as fast as possible.</param>
/// <param name="Account">Control silos: the broker account the runners of <paramref name="RunnersFile"/> trade through.</param>
internal sealed record SiloSettings(
    string Role,
    IReadOnlyList<string> Tags,
    string Postgres,
    string Name,
    IPAddress? Advertise,
    int SiloPort,
    int GatewayPort,
    int HttpPort,
    string ClusterId,
    string ServiceId,
    string? RunnersFile = null,
    string? DataFolder = null,
    double Speed = 1,
    string Account = "paper",
    int ApiPort = SiloConfiguration.DefaultApiPort,
    string? ApiToken = null,
    bool JsonLogs = false);
