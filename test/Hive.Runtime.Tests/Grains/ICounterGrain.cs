using Hive.Runtime;

namespace Hive.Runtime.Tests.Grains;

internal interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Add(int delta);

    ValueTask<int> Get();

    Task<string> SiloName();

    Task<string> Describe(object payload);

    Task<bool> CanBeCanceled(CancellationToken cancellationToken);
}
