using Hive.Binance.Streams;

namespace Hive.Binance.Tests.Streams;

public sealed class OutgoingMessageThrottleTests
{
    [Fact]
    public void DelayFor_SixthMessageWithinASecond_WaitsUntilTheFirstIsASecondOld()
    {
        var sut = new OutgoingMessageThrottle(5, TimeProvider.System);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(TimeSpan.Zero, sut.DelayFor(1000 + (i * 100)));
            sut.Record(1000 + (i * 100));
        }

        Assert.Equal(TimeSpan.FromMilliseconds(550), sut.DelayFor(1450));
        Assert.Equal(TimeSpan.Zero, sut.DelayFor(2000));
    }

    [Fact]
    public void DelayFor_SpacedMessages_NeverWait()
    {
        var sut = new OutgoingMessageThrottle(5, TimeProvider.System);

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(TimeSpan.Zero, sut.DelayFor(i * 200));
            sut.Record(i * 200);
        }
    }
}
