using Hive.Trading.Risk;

namespace Hive.Trading.Tests.Risk;

public sealed class OrderRateLimiterTests
{
    [Fact]
    public void CanAcquire_SlidingWindow_CountsOnlyTheLastThousandMilliseconds()
    {
        var sut = new OrderRateLimiter(3);
        sut.Record(0);
        sut.Record(100);
        sut.Record(200);

        Assert.False(sut.CanAcquire(999));
        Assert.True(sut.CanAcquire(1000));
        Assert.Equal(2, sut.CountAt(1000));
    }
}
