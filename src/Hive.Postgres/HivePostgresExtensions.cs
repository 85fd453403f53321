using Hive.Grains.Ledger;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Hive.Postgres;

/// <summary>Puts a silo's or a client's cluster store on PostgreSQL.</summary>
public static class HivePostgresExtensions
{
    /// <summary>The ADO.NET invariant name of Npgsql, which Orleans' ADO.NET providers load the driver by.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// Keeps the silo's cluster state in the PostgreSQL database <paramref name="connectionString"/> names: applies
    /// Hive's migrations at start-up (<see cref="PostgresMigrator"/>, under an advisory lock), then uses Orleans' ADO.NET
    /// clustering (membership), ADO.NET grain storage named <see cref="HivePostgresOptions.StorageName"/> (runners,
    /// registry, feeds, gateways and the "market" stream provider's subscriptions) and, with
    /// <see cref="HivePostgresOptions.Ledger"/>, a <see cref="PostgresLedger"/> as the <see cref="ILedger"/>. The caller
    /// sets the cluster ID, service ID and endpoints, and calls <c>AddHivePlatform</c> without a storage of its own:
    /// <code>
    /// silo.Configure&lt;ClusterOptions&gt;(o => { o.ClusterId = "hive"; o.ServiceId = "hive"; })
    ///     .ConfigureEndpoints(ip, 11111, 30000)
    ///     .AddHivePostgres(connectionString)
    ///     .AddHivePlatform(o => o.Role = SiloRoles.Live)
    ///     .AddHiveGateway(broker);
    /// </code>
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="configure">Adjusts the options.</param>
    /// <exception cref="ArgumentException">The connection string is empty or not a valid Npgsql connection string.</exception>
    public static ISiloBuilder AddHivePostgres(this ISiloBuilder builder, string connectionString, Action<HivePostgresOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ValidateConnectionString(connectionString);
        var options = new HivePostgresOptions();
        configure?.Invoke(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.StorageName, nameof(HivePostgresOptions.StorageName));
        options.Retry.Validate();

        var services = builder.Services;
        if (options.Migrate)
        {
            var retry = options.Retry;
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => new PostgresMigrationParticipant(
                connectionString, retry, sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        }

        builder.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        builder.AddAdoNetGrainStorage(options.StorageName, o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
            o.GrainStorageSerializer = JsonGrainStateSerializer.Instance;
        });

        if (options.Reminders)
        {
            builder.UseAdoNetReminderService(o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = connectionString;
            });
        }

        if (options.Ledger)
        {
            var retry = options.Retry;
            services.Replace(ServiceDescriptor.Singleton<ILedger>(sp => new PostgresLedger(
                connectionString, retry, (sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger<PostgresLedger>())));
        }

        return builder;
    }

    /// <summary>
    /// Lets a cluster client find the silos' gateways in the PostgreSQL membership table (the same database and cluster
    /// ID as the silos; the client sets <c>ClusterOptions</c>).
    /// </summary>
    public static IClientBuilder UseHivePostgresClustering(this IClientBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ValidateConnectionString(connectionString);
        return builder.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
    }

    private static void ValidateConnectionString(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Not a valid PostgreSQL connection string: {e.Message}", nameof(connectionString), e);
        }
    }
}
