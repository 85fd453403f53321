namespace Hive.Api.Tests;

/// <summary>One <c>hive run</c> shared by the tests of a class; each test adds runners of its own.</summary>
public sealed class HiveRunFixture : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "hive-api-" + Guid.NewGuid().ToString("N"));

    internal HiveRun Run { get; private set; } = null!;

    internal string Root => _root;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        File.WriteAllText(Path.Combine(_root, "alternating.lua"), HiveRun.AlternatingScript);
        var runners = Path.Combine(_root, "runners.yaml");
        File.WriteAllText(runners, """
            runners:
              - id: seed_ema
                symbol: BTCUSDT
                strategy: ema-cross
            """);
        Run = await HiveRun.StartAsync(_root, Path.Combine(_root, "hive-data"), runners);
    }

    public async Task DisposeAsync()
    {
        await Run.DisposeAsync();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
