using Hive.Trading.Market;
using Hive.Trading.Strategies;
using Hive.Trading.Strategies.Compiled;
using Hive.Trading.Tests.TestSupport;

namespace Hive.Trading.Tests.Strategies;

public sealed class StrategyCatalogTests
{
    [Fact]
    public void Create_BuiltInNames_ReturnsConfiguredFreshInstances()
    {
        var sut = StrategyCatalog.CreateWithBuiltIns();

        var first = sut.Create("ema-cross", StrategyParameters.Parse("fast=5,slow=20"));
        var second = sut.Create("ema-cross");

        Assert.IsType<EmaCrossStrategy>(first);
        Assert.NotSame(first, second);
        Assert.IsType<RsiReversionStrategy>(sut.Create("RSI-REVERSION", StrategyParameters.Parse("period=7,oversold=25")));
    }

    [Fact]
    public void Create_UnknownName_ListsTheKnownStrategies()
    {
        var sut = StrategyCatalog.CreateWithBuiltIns();

        var ex = Assert.Throws<StrategyConfigurationException>(() => sut.Create("macd-magic"));

        Assert.Equal("unknown strategy 'macd-magic'; known: ema-cross, rsi-reversion", ex.Message);
    }

    [Fact]
    public void Create_UnknownParameter_NamesItAndTheAcceptedOnes()
    {
        var sut = StrategyCatalog.CreateWithBuiltIns();

        var ex = Assert.Throws<StrategyConfigurationException>(() => sut.Create("ema-cross", StrategyParameters.Parse("fsat=3")));

        Assert.Equal("strategy 'ema-cross' has no parameter 'fsat'; accepted: fast, slow, quantity, stop, take, short", ex.Message);
    }

    [Theory]
    [InlineData("ema-cross", "fast=abc", "Strategy parameter 'fast' must be an integer, got 'abc'.")]
    [InlineData("ema-cross", "fast=0", "Strategy parameter 'fast' must be a positive integer, got 0.")]
    [InlineData("ema-cross", "fast=30,slow=10", "Strategy parameter 'fast' (30) must be smaller than 'slow' (10).")]
    [InlineData("ema-cross", "stop=150", "Strategy parameter 'stop' is a percentage and must be between 0 and 100 (exclusive), got 150.")]
    [InlineData("rsi-reversion", "oversold=80", "Strategy parameter 'oversold' (80) must be below 'overbought' (70).")]
    [InlineData("rsi-reversion", "short=maybe", "Strategy parameter 'short' must be true or false, got 'maybe'.")]
    public void Create_BadParameterValue_NamesTheParameter(string name, string parameters, string expected)
    {
        var sut = StrategyCatalog.CreateWithBuiltIns();

        var ex = Assert.Throws<StrategyConfigurationException>(() => sut.Create(name, StrategyParameters.Parse(parameters)));

        Assert.Equal($"strategy '{name}': {expected}", ex.Message);
    }

    [Fact]
    public void Create_ResolverClaimsLuaPaths_IsAskedForUnregisteredNames()
    {
        var sut = StrategyCatalog.CreateWithBuiltIns();
        sut.AddResolver(new LuaLikeResolver());

        var strategy = sut.Create("strategies/mine.lua", StrategyParameters.Parse("x=1"));
        var ex = Assert.Throws<StrategyConfigurationException>(() => sut.Create("nope"));

        Assert.Equal("strategies/mine.lua", strategy.Name);
        Assert.True(sut.IsKnown("other.lua"));
        Assert.EndsWith("known: ema-cross, rsi-reversion, *.lua scripts", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_HoldsTheCompiledStrategies()
    {
        Assert.Equal(["ema-cross", "rsi-reversion"], StrategyCatalog.Default.Strategies.Select(s => s.Name).Take(2));
    }

    private sealed class LuaLikeResolver : IStrategyResolver
    {
        public string Description => "*.lua scripts";

        public bool CanResolve(string name) => name.EndsWith(".lua", StringComparison.OrdinalIgnoreCase);

        public IStrategy Create(string name, StrategyParameters parameters) => new ScriptedStrategy(name);
    }
}
