using Orleans;

namespace Hive.Postgres.Tests;

[Alias("hive.tests.postgres.ICounterGrain")]
public interface ICounterGrain : IGrainWithStringKey
{
    [Alias("Increment")]
    Task<int> IncrementAsync();

    [Alias("Get")]
    Task<int> GetAsync();
}
