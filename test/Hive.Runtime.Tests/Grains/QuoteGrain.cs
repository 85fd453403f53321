using Hive.Runtime;

namespace Hive.Runtime.Tests.Grains;

internal sealed class QuoteGrain : Grain, IQuoteGrain
{
    private readonly QuoteStats _stats = new();

    public Task<QuoteStats> Record(QuoteSnapshot quote, int? weight)
    {
        _stats.Count += weight ?? 1;
        _stats.LastBySymbol[quote.Symbol] = quote.Bid;
        _stats.Recent = [.. _stats.Recent, quote];
        return Task.FromResult(_stats);
    }
}
