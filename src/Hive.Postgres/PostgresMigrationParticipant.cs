using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace Hive.Postgres;

/// <summary>Applies pending migrations in the silo's first lifecycle stage, before clustering and storage read the schema.</summary>
internal sealed class PostgresMigrationParticipant(string connectionString, PostgresRetryOptions retry, ILoggerFactory loggerFactory)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(PostgresMigrationParticipant), ServiceLifecycleStage.First, MigrateAsync);

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var migrator = new PostgresMigrator(connectionString, retry, loggerFactory.CreateLogger<PostgresMigrator>());
        await migrator.MigrateAsync(cancellationToken).ConfigureAwait(false);
    }
}
