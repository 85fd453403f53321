using System.Text;
using Hive.Grains.Ledger;
using Microsoft.Extensions.Logging;

namespace Hive.Grains.Tests.Ledger;

public sealed class FileLedgerTests
{
    private static LedgerEntry Entry(string clientOrderId, LedgerEntryKind kind = LedgerEntryKind.Fill) =>
        new(0, 1_700_000_000_000, kind, "acct", "btc_ema", clientOrderId, "BTCUSDT", "Buy", 0.5m, 101.25m, 0.0506m, "btc_ema#1@silo0-x");

    private static async Task<List<LedgerEntry>> ReadAllAsync(ILedger ledger)
    {
        var entries = new List<LedgerEntry>();
        await foreach (var entry in ledger.ReadAllAsync())
        {
            entries.Add(entry);
        }

        return entries;
    }

    [Fact]
    public async Task AppendAsync_ThenReopen_EntriesAndSequenceAreRecovered()
    {
        using var dir = new LedgerTestDirectory();
        using (var first = new FileLedger(dir.Path))
        {
            await first.AppendAsync(Entry("o-1"));
            await first.AppendAsync(Entry("o-2", LedgerEntryKind.Denial));
        }

        using var sut = new FileLedger(dir.Path);
        var third = await sut.AppendAsync(Entry("o-3"));
        var entries = await ReadAllAsync(sut);

        Assert.Equal(3, third.Sequence);
        Assert.Equal([1L, 2L, 3L], entries.Select(e => e.Sequence));
        Assert.Equal(Entry("o-2", LedgerEntryKind.Denial) with { Sequence = 2 }, entries[1]);
        Assert.Equal(3, File.ReadAllLines(sut.FilePath).Length);
    }

    [Fact]
    public async Task Open_TornLastLine_IsLoggedTruncatedAndLaterAppendsAreClean()
    {
        using var dir = new LedgerTestDirectory();
        string path;
        using (var first = new FileLedger(dir.Path))
        {
            await first.AppendAsync(Entry("o-1"));
            await first.AppendAsync(Entry("o-2"));
            path = first.FilePath;
        }

        await File.AppendAllTextAsync(path, "{\"sequence\":3,\"timestamp\":17000", Encoding.UTF8);
        var logger = new RecordingLogger();

        using var sut = new FileLedger(dir.Path, logger: logger);
        var appended = await sut.AppendAsync(Entry("o-3"));
        var entries = await ReadAllAsync(sut);

        Assert.Equal(3, appended.Sequence);
        Assert.Equal(["o-1", "o-2", "o-3"], entries.Select(e => e.ClientOrderId));
        var warning = Assert.Single(logger.Messages);
        Assert.Contains("line 3 is torn", warning, StringComparison.Ordinal);
        Assert.All(File.ReadAllLines(path), line => Assert.StartsWith("{\"sequence\":", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Open_TerminatedGarbageLastLine_IsTruncated()
    {
        using var dir = new LedgerTestDirectory();
        string path;
        using (var first = new FileLedger(dir.Path))
        {
            await first.AppendAsync(Entry("o-1"));
            path = first.FilePath;
        }

        await File.AppendAllTextAsync(path, "\0\0\0\n", Encoding.UTF8);

        using var sut = new FileLedger(dir.Path);

        Assert.Equal(1, sut.LastSequence);
        Assert.Equal(2, (await sut.AppendAsync(Entry("o-2"))).Sequence);
        Assert.Equal(2, File.ReadAllLines(path).Length);
    }

    [Fact]
    public async Task Open_CorruptLineBeforeTheLast_FailsNamingFileAndLine()
    {
        using var dir = new LedgerTestDirectory();
        string path;
        using (var first = new FileLedger(dir.Path))
        {
            await first.AppendAsync(Entry("o-1"));
            await first.AppendAsync(Entry("o-2"));
            await first.AppendAsync(Entry("o-3"));
            path = first.FilePath;
        }

        var lines = File.ReadAllLines(path);
        lines[1] = "not json";
        File.WriteAllLines(path, lines);

        var error = Assert.Throws<InvalidDataException>(() => new FileLedger(dir.Path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_GapInSequence_FailsNamingLine()
    {
        using var dir = new LedgerTestDirectory();
        string path;
        using (var first = new FileLedger(dir.Path))
        {
            await first.AppendAsync(Entry("o-1"));
            await first.AppendAsync(Entry("o-2"));
            await first.AppendAsync(Entry("o-3"));
            path = first.FilePath;
        }

        var lines = File.ReadAllLines(path);
        File.WriteAllLines(path, [lines[0], lines[2]]);

        var error = Assert.Throws<InvalidDataException>(() => new FileLedger(dir.Path));

        Assert.Contains("line 2: sequence 3, expected 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppendAsync_ConcurrentAppenders_AreSerializedGapFree()
    {
        using var dir = new LedgerTestDirectory();
        using var sut = new FileLedger(dir.Path);

        var appended = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(async () => await sut.AppendAsync(Entry("o-" + i)))));
        using var reopened = ReopenCopy(sut.FilePath, dir.Path);
        var entries = await ReadAllAsync(reopened);

        Assert.Equal(Enumerable.Range(1, 64).Select(i => (long)i), appended.Select(e => e.Sequence).Order());
        Assert.Equal(64, entries.Count);
        Assert.Equal(64, entries.Select(e => e.ClientOrderId).Distinct().Count());
    }

    [Fact]
    public void Open_SecondInstanceOnSameFile_FailsClearly()
    {
        using var dir = new LedgerTestDirectory();
        using var first = new FileLedger(dir.Path);

        var error = Assert.Throws<IOException>(() => new FileLedger(dir.Path));

        Assert.Contains(first.FilePath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InMemoryLedger_AppendAsync_AssignsGapFreeSequence()
    {
        var sut = new InMemoryLedger();

        await sut.AppendAsync(Entry("o-1"));
        var second = await sut.AppendAsync(Entry("o-2"));

        Assert.Equal(2, second.Sequence);
        Assert.Equal(["o-1", "o-2"], (await ReadAllAsync(sut)).Select(e => e.ClientOrderId));
    }

    private static FileLedger ReopenCopy(string path, string directory)
    {
        var copy = Path.Combine(directory, "copy.jsonl");
        using (var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        using (var target = File.Create(copy))
        {
            source.CopyTo(target);
        }

        return new FileLedger(directory, "copy");
    }

    private sealed class RecordingLogger : ILogger
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning)
            {
                Messages.Add(formatter(state, exception));
            }
        }
    }
}
