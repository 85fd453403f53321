using Hive.Runtime;

namespace Hive.Runtime.Tests.Grains;

internal interface ISubscriberGrain : IGrainWithStringKey
{
    Task Subscribe(string streamNamespace, string streamKey);

    Task Unsubscribe(string streamNamespace, string streamKey);

    Task<int> HandleCount(string streamNamespace, string streamKey);

    Task<string> SiloName();

    Task Deactivate();
}
