using Hive.Trading.Strategies;

namespace Hive.Lua.Tests;

public sealed class LuaStrategyReloadTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"hive-reload-{Guid.NewGuid():N}.lua");
    private readonly StrategyContext _context = new();
    private readonly FakeIndicators _indicators = new();

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Reload_NewScript_RunsNewCodeAndKeepsContextAndPosition()
    {
        File.WriteAllText(_path, Scripts.WithStep("manage_position", "context.version = 1\ncontext.ticks = (context.ticks or 0) + 1\nreturn nil"));
        using var sut = LuaStrategy.LoadFile(_path);
        _context.Position = new PositionInfo(PositionSide.Long, 100, 1, 90, 120, 0, 0);
        sut.ManagePosition(Scripts.Bar, _context, _indicators);
        File.WriteAllText(_path, Scripts.WithStep("manage_position", """
            context.version = 2
            context.ticks = context.ticks + 1
            return { action = "update_stop_loss", price = context.position.entry_price }
            """));

        sut.Reload();
        var action = sut.ManagePosition(Scripts.Bar, _context, _indicators);

        Assert.Equal(1, sut.ReloadCount);
        Assert.Equal(2, _context.GetInteger("version"));
        Assert.Equal(2, _context.GetInteger("ticks"));
        Assert.Equal(StrategyAction.UpdateStopLoss(100), action);
        Assert.NotNull(_context.Position);
    }

    [Fact]
    public void TryReload_BrokenScript_KeepsOldScriptRunningAndSaysWhy()
    {
        File.WriteAllText(_path, Scripts.WithStep("detect_opportunity", "context.version = 1\nreturn nil"));
        using var sut = LuaStrategy.LoadFile(_path);
        File.WriteAllText(_path, "function detect_opportunity(\n");

        var reloaded = sut.TryReload(out var error);
        sut.DetectOpportunity(Scripts.Bar, _context, _indicators);

        Assert.False(reloaded);
        Assert.NotNull(error);
        Assert.Equal(LuaErrorKind.Syntax, error.Kind);
        Assert.Equal(0, sut.ReloadCount);
        Assert.Equal(1, _context.GetInteger("version"));
    }

    [Fact]
    public void Reload_FromSourceMissingFunction_ThrowsAndKeepsOld()
    {
        using var sut = LuaStrategy.FromSource("mem.lua", Scripts.WithStep("detect_opportunity", "context.version = 1\nreturn nil"));

        var error = Assert.Throws<LuaScriptException>(() => sut.Reload("function detect_opportunity() end"));
        sut.DetectOpportunity(Scripts.Bar, _context, _indicators);

        Assert.Equal(LuaErrorKind.MissingFunction, error.Kind);
        Assert.Equal(1, _context.GetInteger("version"));
    }
}
