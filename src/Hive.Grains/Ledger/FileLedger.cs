using System.Runtime.CompilerServices;
using System.Text.Json;
using Hive.Grains.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hive.Grains.Ledger;

/// <summary>
/// A ledger in one file of JSON lines, <c>&lt;directory&gt;/&lt;name&gt;.jsonl</c>, one entry per line. An append is
/// durable when <see cref="AppendAsync"/> completes: the line is written and flushed to disk first. Appends from any
/// number of threads of this process are serialized; a lock file (<c>name.jsonl.lock</c>) is held exclusively, so a
/// second ledger on the same file (another process, or a second instance) fails at once instead of interleaving lines,
/// while the ledger file stays readable.
/// On open the entries are read back to recover the sequence. A crash in the middle of an append can leave a torn
/// last line (no newline, or text that does not parse): it is reported in the log and truncated, and later appends
/// start on a clean line. A line that does not parse anywhere else, or a sequence that is not gap-free, is an error
/// naming the file and line.
/// </summary>
public sealed class FileLedger : ILedger, IDisposable
{
    private readonly FileStream _file;
    private readonly FileStream _lock;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ILogger _logger;
    private long _sequence;
    private long _length;
    private bool _disposed;

    /// <summary>Opens (or creates) the ledger <paramref name="name"/> under <paramref name="directory"/> and recovers its sequence.</summary>
    /// <param name="directory">The ledger directory, created when missing.</param>
    /// <param name="name">The ledger's name: the file is <c>name.jsonl</c>.</param>
    /// <param name="logger">Where a truncated torn line is reported.</param>
    public FileLedger(string directory, string name = "ledger", ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name.Contains('.', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Ledger name '{name}' must be a plain file name without dots.", nameof(name));
        }

        _logger = logger ?? NullLogger.Instance;
        Directory.CreateDirectory(directory);
        FilePath = Path.GetFullPath(Path.Combine(directory, name + ".jsonl"));
        try
        {
            // The lock file is held exclusively (an advisory lock on Unix) for the ledger's lifetime; the ledger file
            // itself stays readable by other processes.
            _lock = new FileStream(FilePath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException e)
        {
            throw new IOException($"Ledger file {FilePath} is in use by another ledger (this or another process): {e.Message}", e);
        }

        try
        {
            _file = new FileStream(FilePath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1, FileOptions.None);
        }
        catch
        {
            _lock.Dispose();
            throw;
        }

        try
        {
            Recover();
        }
        catch
        {
            _file.Dispose();
            _lock.Dispose();
            throw;
        }
    }

    /// <summary>The full path of the ledger file.</summary>
    public string FilePath { get; }

    /// <summary>The sequence of the last entry (0 when empty).</summary>
    public long LastSequence => Volatile.Read(ref _sequence);

    /// <inheritdoc />
    public async ValueTask<LedgerEntry> AppendAsync(LedgerEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var started = HiveMetrics.Start();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var stored = entry with { Sequence = _sequence + 1 };
            var json = JsonSerializer.SerializeToUtf8Bytes(stored, LedgerJsonContext.Default.LedgerEntry);
            var line = new byte[json.Length + 1];
            json.CopyTo(line, 0);
            line[^1] = (byte)'\n';
            try
            {
                _file.Position = _length;
                await _file.WriteAsync(line, CancellationToken.None).ConfigureAwait(false);
                _file.Flush(flushToDisk: true);
            }
            catch
            {
                // Leave no partial line behind, so the next append starts clean.
                TryTruncate(_length);
                throw;
            }

            _length += line.Length;
            Volatile.Write(ref _sequence, stored.Sequence);
            HiveMetrics.LedgerAppendSince(started, "file");
            return stored;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    /// <remarks>Reads the entries appended before the call, through the ledger's own handle (the file is held exclusively).</remarks>
    public async IAsyncEnumerable<LedgerEntry> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        long length;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            length = _length;
        }
        finally
        {
            _gate.Release();
        }

        var buffer = new byte[64 * 1024];
        using var line = new MemoryStream();
        long offset = 0;
        long lineNumber = 0;
        while (offset < length)
        {
            var read = await RandomAccess.ReadAsync(_file.SafeFileHandle, buffer.AsMemory(0, (int)Math.Min(buffer.Length, length - offset)), offset, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new InvalidDataException($"{FilePath}: the file ended at byte {offset}, before the {length} bytes appended.");
            }

            offset += read;
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != (byte)'\n')
                {
                    continue;
                }

                line.Write(buffer, start, i - start);
                start = i + 1;
                lineNumber++;
                var entry = Parse(line.GetBuffer().AsSpan(0, (int)line.Length), lineNumber);
                line.SetLength(0);
                yield return entry;
            }

            line.Write(buffer, start, read - start);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _gate.Wait();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _file.Dispose();
            _lock.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Recover()
    {
        _file.Position = 0;
        using var reader = new BinaryLineReader(_file);
        long good = 0;
        long lineNumber = 0;
        while (reader.TryReadLine(out var line, out var terminated, out var end))
        {
            lineNumber++;
            LedgerEntry? entry = null;
            string? problem = null;
            try
            {
                entry = JsonSerializer.Deserialize(line, LedgerJsonContext.Default.LedgerEntry);
                if (entry is null)
                {
                    problem = "the line is JSON null";
                }
            }
            catch (JsonException e)
            {
                problem = e.Message;
            }

            var last = reader.AtEnd;
            if (problem is not null || !terminated)
            {
                if (!last)
                {
                    throw new InvalidDataException($"{FilePath}: line {lineNumber}: not a ledger entry ({problem ?? "no newline"}).");
                }

                _logger.LogWarning(
                    "Ledger {File}: line {Line} is torn ({Problem}); truncating {Bytes} bytes after entry {Sequence}.",
                    FilePath, lineNumber, problem ?? "no newline at the end", end - good, _sequence);
                _file.SetLength(good);
                _file.Flush(flushToDisk: true);
                break;
            }

            if (entry!.Sequence != _sequence + 1)
            {
                throw new InvalidDataException($"{FilePath}: line {lineNumber}: sequence {entry.Sequence}, expected {_sequence + 1}.");
            }

            _sequence = entry.Sequence;
            good = end;
        }

        _length = good;
    }

    private LedgerEntry Parse(ReadOnlySpan<byte> line, long lineNumber)
    {
        try
        {
            return JsonSerializer.Deserialize(line, LedgerJsonContext.Default.LedgerEntry)
                ?? throw new InvalidDataException($"{FilePath}: line {lineNumber}: the line is JSON null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{FilePath}: line {lineNumber}: not a ledger entry ({e.Message}).", e);
        }
    }

    private void TryTruncate(long length)
    {
        try
        {
            _file.SetLength(length);
        }
        catch (IOException e)
        {
            _logger.LogError(e, "Ledger {File}: could not truncate a failed append back to {Length} bytes.", FilePath, length);
        }
    }
}
