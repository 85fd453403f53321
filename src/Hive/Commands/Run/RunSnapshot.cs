using Hive.Grains.Feeds;
using Hive.Grains.Gateway;
using Hive.Grains.Runners;

namespace Hive.Commands.Run;

/// <summary>What the console view shows at one moment: runners, the account's gateway, the feeds.</summary>
internal sealed record RunSnapshot(
    TimeSpan Elapsed,
    TimeSpan? Duration,
    IReadOnlyList<RunnerStatus> Runners,
    GatewayStatus? Gateway,
    IReadOnlyList<FeedStatus> Feeds,
    IReadOnlyList<string> IdleSymbols)
{
    public long OrdersFilled => Gateway?.OrdersFilled ?? Runners.Sum(r => (long)r.OrdersFilled);

    public long OrdersFenced => Gateway?.OrdersFenced ?? Runners.Sum(r => (long)r.OrdersFenced);

    public long OrdersDenied => Gateway?.OrdersDenied ?? Runners.Sum(r => (long)r.OrdersDenied);

    public long EventsPublished => Feeds.Sum(f => f.EventsPublished);
}
