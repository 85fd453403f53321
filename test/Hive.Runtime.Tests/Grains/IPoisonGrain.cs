using Hive.Runtime;

namespace Hive.Runtime.Tests.Grains;

internal interface IPoisonGrain : IGrainWithStringKey
{
    Task<double> NotANumber();

    Task<Payload> Make(string mode);

    Task<string> Take(Payload payload);

    Task SubscribePayloads(string streamNamespace, string streamKey);

    Task<int> PayloadsReceived();
}
