using Grpc.Core;
using Hive.Api.V1;
using Hive.Grains.Feeds;
using Hive.Grains.Placement;
using Hive.Grains.Runners;
using Orleans;

namespace Hive.Api.Services;

/// <summary><c>hive.v1.MarketService</c>: the feeds of the symbols the registry's runners trade.</summary>
internal sealed class MarketApi(IGrainFactory grains, FeedRates rates) : MarketService.MarketServiceBase
{
    public override async Task<ListFeedsResponse> ListFeeds(ListFeedsRequest request, ServerCallContext context)
    {
        var definitions = await grains.GetGrain<IRunnerRegistryGrain>(IRunnerRegistryGrain.DefaultKey).GetDefinitionsAsync().ConfigureAwait(false);
        var response = new ListFeedsResponse();
        foreach (var group in definitions.GroupBy(static d => d.Symbol, StringComparer.Ordinal).OrderBy(static g => g.Key, StringComparer.Ordinal))
        {
            FeedStatus status;
            using (PlacementAffinity.ForSymbol(group.Key))
            {
                status = await grains.GetGrain<IMarketFeedGrain>(group.Key).GetStatusAsync().ConfigureAwait(false);
            }

            response.Feeds.Add(new Feed
            {
                Symbol = status.Symbol,
                Source = status.Source.ToString(),
                Running = status.Running,
                EventsPublished = status.EventsPublished,
                LastEventTimeMs = status.LastEventTime,
                EventsPerSecond = rates.Rate(status.Symbol, status.EventsPublished),
                Silo = status.Silo,
                Error = status.Error ?? string.Empty,
                Runners = group.Count(),
            });
        }

        return response;
    }
}
