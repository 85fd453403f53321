using Hive.Trading.Indicators;
using Hive.Trading.Market;

namespace Hive.Trading.Tests.Indicators;

public sealed class CandleWindowTests
{
    internal static Candle Bar(long minute, double high, double low, double close) =>
        new("TESTUSDT", minute * 60_000, (minute * 60_000) + 59_999, close, high, low, close, 1.0);

    [Fact]
    public void Constructor_NonPositiveCapacity_ThrowsNamingTheValue()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new CandleWindow(0));
        Assert.Equal("capacity", ex.ParamName);
        Assert.Equal(0, ex.ActualValue);
    }

    [Fact]
    public void Indexer_AfterWrapping_CountsBackFromTheNewest()
    {
        var sut = new CandleWindow(3);
        for (var i = 1; i <= 5; i++)
        {
            sut.Add(Bar(i, i + 1, i - 1, i));
        }

        Assert.Equal(3, sut.Count);
        Assert.Equal(3, sut.Capacity);
        Assert.Equal(5, sut[0].Close);
        Assert.Equal(4, sut[1].Close);
        Assert.Equal(3, sut[2].Close);
        Assert.Equal(5, sut.Last.Close);
        Assert.Throws<ArgumentOutOfRangeException>(() => sut[3].Close);
        Assert.Throws<ArgumentOutOfRangeException>(() => sut[-1].Close);
    }

    [Fact]
    public void Last_Empty_Throws()
    {
        var sut = new CandleWindow(2);
        Assert.Throws<InvalidOperationException>(() => sut.Last);
    }

    [Fact]
    public void HighestAndLowest_OverPeriod_UseHighsAndLowsOfTheNewestBars()
    {
        var sut = new CandleWindow(4);
        sut.Add(Bar(1, 20, 1, 10));
        sut.Add(Bar(2, 12, 9, 11));
        sut.Add(Bar(3, 15, 8, 12));
        sut.Add(Bar(4, 13, 10, 11));

        Assert.Equal(13, sut.Highest(1));
        Assert.Equal(15, sut.Highest(3));
        Assert.Equal(20, sut.Highest(4));
        Assert.Equal(10, sut.Lowest(1));
        Assert.Equal(8, sut.Lowest(3));
        Assert.Equal(1, sut.Lowest(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => sut.Highest(5));
        Assert.Throws<ArgumentOutOfRangeException>(() => sut.Lowest(0));
    }

    [Fact]
    public void CopyCloses_MoreThanHeld_CopiesWhatIsHeldOldestFirst()
    {
        var sut = new CandleWindow(3);
        for (var i = 1; i <= 4; i++)
        {
            sut.Add(Bar(i, i, i, i * 10));
        }

        Span<double> destination = stackalloc double[5];
        var copied = sut.CopyCloses(5, destination);
        Assert.Equal(3, copied);
        Assert.Equal([20.0, 30.0, 40.0], destination[..copied].ToArray());

        copied = sut.CopyCloses(2, destination);
        Assert.Equal([30.0, 40.0], destination[..copied].ToArray());
        Assert.Throws<ArgumentException>(() => sut.CopyCloses(3, new double[2]));
    }

    [Fact]
    public void Clear_AfterAdds_Empties()
    {
        var sut = new CandleWindow(2);
        sut.Add(Bar(1, 1, 1, 1));
        sut.Clear();
        Assert.Equal(0, sut.Count);
        sut.Add(Bar(2, 2, 2, 2));
        Assert.Equal(2, sut.Last.Close);
    }

    [Fact]
    public void Add_ManyBars_AllocatesNothing()
    {
        var sut = new CandleWindow(64);
        var bar = Bar(1, 2, 1, 1.5);
        Span<double> closes = stackalloc double[64];
        sut.Add(bar);
        _ = sut.Highest(1);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            sut.Add(bar);
            _ = sut.Highest(sut.Count);
            _ = sut.CopyCloses(64, closes);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
