using Hive.Grains.Runners;
using Hive.Lua;
using Hive.Trading.Execution;
using Hive.Trading.Market;
using Hive.Trading.Runners;

namespace Hive.Grains.Tests.Runners;

public sealed class RunnerChartBufferTests
{
    // Enters on one bar and exits on the next, again and again: a fill on every bar after the first.
    private const string Alternating = """
        function detect_opportunity(market_data, context, indicators) return {} end
        function filter_commitment(market_data, context, indicators) return { action = "enter_long", quantity = 1 } end
        function manage_position(market_data, context, indicators) return { action = "exit" } end
        """;

    private static RunnerCore Core() => new(
        new RunnerConfig { RunnerId = "chart", Symbol = "BTCUSDT", Strategy = "alternating.lua", InitialEquity = 10_000 },
        LuaStrategy.FromSource("alternating.lua", Alternating),
        new PaperOrderRouter());

    private static MarketEvent Bar(int minute, double price) =>
        MarketEvent.FromCandle(new Candle("BTCUSDT", minute * 60_000L, (minute * 60_000L) + 59_999, price, price + 1, price - 1, price, 1));

    private static RunnerChartBuffer Feed(RunnerCore core, int bars, RunnerChartBuffer? buffer = null, int first = 0)
    {
        var sut = buffer ?? new RunnerChartBuffer();
        for (var i = first; i < first + bars; i++)
        {
            var item = Bar(i, 100 + (i % 7));
            var events = core.OnMarketEvent(item);
            sut.Record(item, core, events);
        }

        return sut;
    }

    [Fact]
    public void Record_ClosedCandles_KeepsEachWithTheEquityAfterIt()
    {
        var core = Core();
        var sut = new RunnerChartBuffer();
        sut.Attach(core);

        Feed(core, 20, sut);

        var (candles, equity, _) = sut.After(0, 0);
        Assert.Equal(20, candles.Length);
        Assert.Equal(Enumerable.Range(0, 20).Select(static i => i * 60_000L), candles.Select(static c => c.Time));
        Assert.Equal(candles.Select(static c => c.Time), equity.Select(static p => p.Time));
        Assert.Equal((double)core.Equity, equity[^1].Value);
        Assert.Equal(106, candles[6].Close);
    }

    [Fact]
    public void Record_FillsOpenAndClose_MarksEntriesAndExitsInOrder()
    {
        var core = Core();
        var sut = new RunnerChartBuffer();
        sut.Attach(core);

        Feed(core, 12, sut);

        var (_, _, markers) = sut.After(0, 0);
        var fills = markers.Where(static m => m.Kind is ChartMarkerKind.Entry or ChartMarkerKind.Exit).ToArray();
        Assert.True(fills.Length >= 4, $"{fills.Length} fills marked");
        Assert.Equal(ChartMarkerKind.Entry, fills[0].Kind);
        for (var i = 1; i < fills.Length; i++)
        {
            Assert.NotEqual(fills[i - 1].Kind, fills[i].Kind);
        }

        Assert.Equal(Enumerable.Range(1, markers.Length).Select(static i => (long)i), markers.Select(static m => m.Sequence));
        Assert.StartsWith("buy 1", fills[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void After_TimeAndMarker_ReturnsOnlyWhatIsNewer()
    {
        var core = Core();
        var sut = Feed(core, 10);
        var (candles, _, markers) = sut.After(0, 0);

        var (newer, newerEquity, newerMarkers) = sut.After(candles[6].Time, markers[^1].Sequence);

        Assert.Equal(candles[7..].Select(static c => c.Time), newer.Select(static c => c.Time));
        Assert.Equal(3, newerEquity.Length);
        Assert.Empty(newerMarkers);
    }

    [Fact]
    public void Record_MoreThanItKeeps_HoldsOnlyTheNewest()
    {
        var core = Core();

        var sut = Feed(core, RunnerChartBuffer.CandleCapacity + 150);

        var (candles, equity, markers) = sut.After(0, 0);
        Assert.Equal(RunnerChartBuffer.CandleCapacity, candles.Length);
        Assert.Equal(RunnerChartBuffer.CandleCapacity, equity.Length);
        Assert.Equal(150 * 60_000L, candles[0].Time);
        Assert.Equal(RunnerChartBuffer.MarkerCapacity, markers.Length);
        Assert.Equal(markers[0].Sequence + RunnerChartBuffer.MarkerCapacity - 1, markers[^1].Sequence);
    }

    [Fact]
    public void Attach_CoreWithHistory_DoesNotMarkWhatHappenedBefore()
    {
        var core = Core();
        Feed(core, 6);
        var sut = new RunnerChartBuffer();

        sut.Attach(core);

        Assert.Empty(sut.After(0, 0).Markers);
        Feed(core, 2, sut, first: 6);
        var (candles, _, markers) = sut.After(0, 0);
        Assert.Equal([6 * 60_000L, 7 * 60_000L], candles.Select(static c => c.Time));
        Assert.InRange(markers.Count(static m => m.Kind is ChartMarkerKind.Entry or ChartMarkerKind.Exit), 1, 2);
        Assert.All(markers, static m => Assert.True(m.Time >= 6 * 60_000L, $"marker at {m.Time} is from before Attach"));
    }
}
