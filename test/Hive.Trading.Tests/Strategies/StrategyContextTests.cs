using Hive.Trading.Strategies;

namespace Hive.Trading.Tests.Strategies;

public sealed class StrategyContextTests
{
    [Fact]
    public void Size_SetReplaceRemoveClear_TracksKeysAndValues()
    {
        var sut = new StrategyContext();

        sut.SetString("note", "abc");
        var afterString = sut.Size;
        sut.SetNumber("note", 1.5);
        var afterReplace = sut.Size;
        sut.SetBoolean("ok", true);
        var afterSecond = sut.Size;
        sut.Remove("note");
        var afterRemove = sut.Size;
        sut.Remove("absent");
        sut.Clear();

        Assert.Equal(4 + 3, afterString);
        Assert.Equal(4 + 8, afterReplace);
        Assert.Equal(4 + 8 + 2 + 8, afterSecond);
        Assert.Equal(2 + 8, afterRemove);
        Assert.Equal(0, sut.Size);
        Assert.Equal(StrategyContext.SizeOf("ok", ContextValue.FromBoolean(true)), afterRemove);
    }
}
