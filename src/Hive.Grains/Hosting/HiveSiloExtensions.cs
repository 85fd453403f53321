using Hive.Grains.Placement;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Hive.Grains.Hosting;

/// <summary>Wires one Hive silo: name, role and tags, the platform grains, the ledger, and the gateways.</summary>
public static class HiveSiloExtensions
{
    /// <summary>
    /// Names the silo, registers the platform (<see cref="HivePlatformExtensions.AddHivePlatform"/>) with the role, tags,
    /// storage and failure detection of <paramref name="options"/>, the ledger, and the gateways' broker and options.
    /// The gateways' services are registered on every role: the <c>[LivePlacement]</c> of the gateway grain already
    /// keeps its activations on live silos, and a control or data silo that never hosts one pays nothing for them.
    /// </summary>
    public static ISiloBuilder AddHiveSilo(this ISiloBuilder builder, HiveSiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Name);
        if (!SiloRoles.IsKnown(options.Role))
        {
            throw new ArgumentException($"Unknown silo role '{options.Role}'; expected live, data or control.");
        }

        builder.Configure<SiloOptions>(o => o.SiloName = options.Name);
        builder.Configure<GrainCollectionOptions>(o => o.DeactivationTimeout = options.DeactivationTimeout);
        builder.AddHivePlatform(o =>
        {
            o.Role = options.Role;
            foreach (var tag in options.Tags)
            {
                o.Tags.Add(tag);
            }

            o.Storage = options.Storage;
            o.FailureDetection = options.FailureDetection;
        });
        builder.AddHiveLedger(options.Ledger);
        builder.AddHiveGateway(options.Broker, options.Gateway);
        return builder;
    }
}
