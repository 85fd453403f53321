using Hive.Runtime;

namespace Hive.Runtime.Tests.Grains;

internal interface ITurnGrain : IGrainWithStringKey
{
    Task<int> Work(int yields);

    Task<int> MaxConcurrency();

    Task Enter(string gate);

    [AlwaysInterleave]
    Task<string> Peek();

    [OneWay]
    Task Fire(string gate);

    [ResponseTimeout("00:00:05")]
    Task Hang();
}
