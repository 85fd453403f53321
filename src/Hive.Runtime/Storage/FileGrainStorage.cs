using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Hive.Runtime.Storage;

/// <summary>
/// Grain storage in files under a directory: one file per state and grain, <c>&lt;dir&gt;/&lt;state&gt;/&lt;grain type&gt;/&lt;key&gt;.json</c>,
/// holding the ETag on the first line and the state JSON after it. A write goes to a temporary file, is flushed to
/// disk, then atomically renamed over the old file, so a crash in the middle of a write leaves the last complete state.
/// </summary>
public sealed class FileGrainStorage : IGrainStorage
{
    private readonly string _root;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    /// <summary>Creates the provider storing under <paramref name="directory"/> (created when missing).</summary>
    public FileGrainStorage(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        _root = Path.GetFullPath(directory);
        Directory.CreateDirectory(_root);
    }

    /// <summary>Test hook: runs after part of the temporary file is written and before it is completed and renamed.</summary>
    internal Action<string>? BeforeCommit { get; set; }

    /// <inheritdoc />
    public async Task<StoredState?> ReadAsync(string stateName, GrainId grainId, CancellationToken cancellationToken = default)
    {
        var path = PathOf(stateName, grainId);
        var gate = _locks.GetOrAdd(path, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ReadFileAsync(path, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<string> WriteAsync(string stateName, GrainId grainId, ReadOnlyMemory<byte> json, string? expectedEtag, CancellationToken cancellationToken = default)
    {
        var path = PathOf(stateName, grainId);
        var gate = _locks.GetOrAdd(path, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = await ReadFileAsync(path, cancellationToken).ConfigureAwait(false);
            StorageEtags.Check(stateName, grainId, current?.Etag, expectedEtag);
            var etag = (current is null ? 1 : long.Parse(current.Etag, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            try
            {
                await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 4096, FileOptions.WriteThrough))
                {
                    var header = Encoding.UTF8.GetBytes(etag + "\n");
                    await stream.WriteAsync(header, cancellationToken).ConfigureAwait(false);
                    var half = json.Length / 2;
                    await stream.WriteAsync(json[..half], cancellationToken).ConfigureAwait(false);
                    await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                    BeforeCommit?.Invoke(temp);
                    await stream.WriteAsync(json[half..], cancellationToken).ConfigureAwait(false);
                    await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                    stream.Flush(flushToDisk: true);
                }

                File.Move(temp, path, overwrite: true);
            }
            catch
            {
                TryDelete(temp);
                throw;
            }

            return etag;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task ClearAsync(string stateName, GrainId grainId, string? expectedEtag, CancellationToken cancellationToken = default)
    {
        var path = PathOf(stateName, grainId);
        var gate = _locks.GetOrAdd(path, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = await ReadFileAsync(path, cancellationToken).ConfigureAwait(false);
            StorageEtags.Check(stateName, grainId, current?.Etag, expectedEtag);
            File.Delete(path);
        }
        finally
        {
            gate.Release();
        }
    }

    private static async Task<StoredState?> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        var newline = Array.IndexOf(bytes, (byte)'\n');
        if (newline <= 0)
        {
            throw new InvalidDataException($"State file '{path}' has no ETag line (line 1).");
        }

        var etag = Encoding.UTF8.GetString(bytes, 0, newline);
        return new StoredState(bytes.AsMemory(newline + 1), etag);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A leftover temporary file is ignored by readers; deleting it is best effort.
        }
    }

    private string PathOf(string stateName, GrainId grainId) =>
        Path.Combine(_root, Escape(stateName), Escape(grainId.Type), Escape(grainId.Key) + ".json");

    private static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
