using Hive.Runtime;

namespace Hive.Runtime.Tests.Grains;

internal interface ITimerGrain : IGrainWithStringKey
{
    Task Start(TimeSpan period, bool blockFirstTick);

    Task Enter(string gate);

    Task Deactivate();
}
