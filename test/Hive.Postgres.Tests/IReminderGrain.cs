using Orleans;

namespace Hive.Postgres.Tests;

[Alias("hive.tests.postgres.IReminderGrain")]
public interface IReminderGrain : IGrainWithStringKey
{
    [Alias("Register")]
    Task RegisterAsync(string name);

    [Alias("Unregister")]
    Task UnregisterAsync(string name);

    [Alias("Names")]
    Task<string[]> NamesAsync();
}
