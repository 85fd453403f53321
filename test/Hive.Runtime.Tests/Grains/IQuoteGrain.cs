using Hive.Runtime;

namespace Hive.Runtime.Tests.Grains;

internal enum QuoteSide
{
    Bid,
    Ask,
}

internal sealed record QuoteSnapshot(string Symbol, decimal Bid, decimal Ask, DateTimeOffset Time, QuoteSide Side, List<int> Levels, string? Venue = null);

internal sealed class QuoteStats
{
    public int Count { get; set; }

    public Dictionary<string, decimal> LastBySymbol { get; set; } = [];

    public QuoteSnapshot[] Recent { get; set; } = [];

    public IReadOnlyList<string> Symbols { get; set; } = [];

    public IReadOnlyDictionary<string, int> Counts { get; set; } = new Dictionary<string, int>();
}

internal interface IQuoteGrain : IGrainWithStringKey
{
    Task<QuoteStats> Record(QuoteSnapshot quote, int? weight);
}
