using BenchmarkDotNet.Attributes;
using Hive.Grains.Ledger;

namespace Hive.Benchmarks.Gateway;

/// <summary>One durable append to the file ledger: a JSON line written and flushed to disk (fsync) before it returns.</summary>
[MemoryDiagnoser]
public class FileLedgerBenchmarks
{
    private readonly LedgerEntry _entry = new(0, 1_700_000_000_000, LedgerEntryKind.Fill, "acct", "btc_ema", "btc_ema-1",
        "BTCUSDT", "Buy", 0.5m, 101.25m, 0.0506m, "btc_ema#1@live0-1 filled at 1700000000000");

    private string _directory = null!;
    private FileLedger _ledger = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "hive-ledger-bench-" + Guid.NewGuid().ToString("N"));
        _ledger = new FileLedger(_directory);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ledger.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public ValueTask<LedgerEntry> Append() => _ledger.AppendAsync(_entry);
}
