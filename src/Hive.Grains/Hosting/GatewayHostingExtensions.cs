using Hive.Grains.Gateway;
using Hive.Grains.Ledger;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Hosting;

namespace Hive.Grains.Hosting;

/// <summary>Registers the ledger and the gateways' services in a silo.</summary>
public static class GatewayHostingExtensions
{
    /// <summary>
    /// Uses <paramref name="ledger"/> as the silo's <see cref="ILedger"/>. Pass the same instance to every silo of one
    /// process: a <see cref="FileLedger"/> holds its file exclusively, so a second instance on the same file fails.
    /// </summary>
    public static ISiloBuilder AddHiveLedger(this ISiloBuilder builder, ILedger ledger)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(ledger);
        builder.Services.Replace(ServiceDescriptor.Singleton(ledger));
        return builder;
    }

    /// <summary>
    /// Registers what <see cref="IGatewayGrain"/> activations need besides the ledger: the <paramref name="broker"/>
    /// (pass the same instance to every silo of one process: it stands for the exchange) and the
    /// <paramref name="options"/> (account limits, idempotency bound, lease check period). The gateway keeps its lease,
    /// deployments and kill switch in the platform's grain storage, state name <c>gateway</c>.
    /// </summary>
    public static ISiloBuilder AddHiveGateway(this ISiloBuilder builder, PaperBroker broker, GatewayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(broker);
        options ??= new GatewayOptions();
        options.Validate();
        builder.Services.Replace(ServiceDescriptor.Singleton(broker));
        builder.Services.Replace(ServiceDescriptor.Singleton(options));
        return builder;
    }
}
