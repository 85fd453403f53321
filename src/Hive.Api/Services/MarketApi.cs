using Grpc.Core;
using Hive.Api.V1;

namespace Hive.Api.Services;

/// <summary><c>hive.v1.MarketService</c>: the feeds of the symbols the registry's runners trade.</summary>
internal sealed class MarketApi(HiveQueries queries, FeedRates rates) : MarketService.MarketServiceBase
{
    public override async Task<ListFeedsResponse> ListFeeds(ListFeedsRequest request, ServerCallContext context)
    {
        var response = new ListFeedsResponse();
        response.Feeds.AddRange(await queries.FeedsAsync(rates).ConfigureAwait(false));
        return response;
    }
}
