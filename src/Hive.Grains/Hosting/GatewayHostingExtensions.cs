using Hive.Grains.Exchange;
using Hive.Grains.Gateway;
using Hive.Grains.Ledger;
using Microsoft.Extensions.Configuration;
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
    /// (pass the same instance to every silo of one process: it stands for the exchange; a
    /// <see cref="PaperBroker"/>, or an exchange broker such as <see cref="Exchange.BinanceBroker"/>) and the
    /// <paramref name="options"/> (account limits, idempotency bound, lease check period). The gateway keeps its lease,
    /// deployments and kill switch in the platform's grain storage, state name <c>gateway</c>.
    /// </summary>
    public static ISiloBuilder AddHiveGateway(this ISiloBuilder builder, IBroker broker, GatewayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(broker);
        options ??= new GatewayOptions();
        options.Validate();
        builder.Services.Replace(ServiceDescriptor.Singleton(broker));
        if (broker is PaperBroker paper)
        {
            builder.Services.Replace(ServiceDescriptor.Singleton(paper));
        }
        builder.Services.Replace(ServiceDescriptor.Singleton(options));
        return builder;
    }

    /// <summary>
    /// Registers the gateway with the broker that configuration section <c>Hive:Exchange</c> names (see
    /// <see cref="ExchangeSettings"/>): the paper broker by default, Binance with <c>Hive:Exchange:Broker=binance</c>
    /// and the keys in <c>BINANCE_API_KEY</c> / <c>BINANCE_API_SECRET</c>. This is how <c>hive silo</c> takes the same
    /// switches as <c>hive run</c>.
    /// </summary>
    public static ISiloBuilder AddHiveExchange(this ISiloBuilder builder, IConfiguration configuration, GatewayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var broker = ExchangeSettings.Read(configuration).CreateBroker();
        return builder.AddHiveGateway(broker, options);
    }
}
