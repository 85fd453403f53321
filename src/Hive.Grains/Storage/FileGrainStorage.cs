using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Hive.Grains.Storage;

/// <summary>
/// Orleans grain storage in files under a directory (the embedded default): one file per state and grain,
/// <c>&lt;dir&gt;/&lt;state&gt;/&lt;grain type&gt;/&lt;key&gt;.json</c>, the ETag on the first line and the state as JSON
/// after it. A write goes to a temporary file, is flushed to disk, then atomically renamed over the old file, so a
/// crash in the middle of a write leaves the last complete state. Writes and clears check the ETag: a writer holding
/// an older one fails with <see cref="InconsistentStateException"/>. A file that cannot be read back (truncated, not
/// JSON, not the state's shape) fails only that grain's activation, with a <see cref="GrainStateCorruptException"/>
/// naming the file.
/// </summary>
public sealed class FileGrainStorage : IGrainStorage
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false, IncludeFields = false };

    private readonly string _root;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    /// <summary>Creates the provider storing under <paramref name="directory"/> (created when missing).</summary>
    public FileGrainStorage(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        _root = Path.GetFullPath(directory);
        Directory.CreateDirectory(_root);
    }

    /// <summary>The directory states are kept in.</summary>
    public string Root => _root;

    /// <summary>Test hook: runs after part of the temporary file is written and before it is completed and renamed.</summary>
    internal Action<string>? BeforeCommit { get; set; }

    /// <summary>The file holding <paramref name="stateName"/> of <paramref name="grainId"/>.</summary>
    public string PathOf(string stateName, GrainId grainId) =>
        Path.Combine(_root, Escape(stateName), Escape(grainId.Type.ToString()!), Escape(grainId.Key.ToString()!) + ".json");

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        var gate = Gate(path);
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var stored = await ReadFileAsync(path).ConfigureAwait(false);
            if (stored is null)
            {
                grainState.State = Activator.CreateInstance<T>();
                grainState.ETag = null;
                grainState.RecordExists = false;
                return;
            }

            T? state;
            try
            {
                state = JsonSerializer.Deserialize<T>(stored.Value.Json.Span, Json);
            }
            catch (JsonException ex)
            {
                throw new GrainStateCorruptException(path, $"not a valid {typeof(T).Name} ({ex.Message})", ex);
            }

            grainState.State = state ?? throw new GrainStateCorruptException(path, "the state is null");
            grainState.ETag = stored.Value.Etag;
            grainState.RecordExists = true;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        var json = JsonSerializer.SerializeToUtf8Bytes(grainState.State, Json);
        var gate = Gate(path);
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var current = await CurrentEtagAsync(path).ConfigureAwait(false);
            CheckEtag(stateName, grainId, current, grainState.ETag);
            var etag = (current is null ? 1 : long.Parse(current, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            try
            {
                await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 4096, FileOptions.WriteThrough))
                {
                    await stream.WriteAsync(Encoding.UTF8.GetBytes(etag + "\n")).ConfigureAwait(false);
                    var half = json.Length / 2;
                    await stream.WriteAsync(json.AsMemory(0, half)).ConfigureAwait(false);
                    await stream.FlushAsync().ConfigureAwait(false);
                    BeforeCommit?.Invoke(temp);
                    await stream.WriteAsync(json.AsMemory(half)).ConfigureAwait(false);
                    await stream.FlushAsync().ConfigureAwait(false);
                    stream.Flush(flushToDisk: true);
                }

                File.Move(temp, path, overwrite: true);
            }
            catch
            {
                TryDelete(temp);
                throw;
            }

            grainState.ETag = etag;
            grainState.RecordExists = true;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        var gate = Gate(path);
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var current = await CurrentEtagAsync(path).ConfigureAwait(false);
            CheckEtag(stateName, grainId, current, grainState.ETag);
            File.Delete(path);
            grainState.ETag = null;
            grainState.RecordExists = false;
            grainState.State = Activator.CreateInstance<T>();
        }
        finally
        {
            gate.Release();
        }
    }

    private SemaphoreSlim Gate(string path) => _locks.GetOrAdd(path, static _ => new SemaphoreSlim(1, 1));

    /// <summary>Throws <see cref="InconsistentStateException"/> unless the writer holds the stored ETag.</summary>
    internal static void CheckEtag(string stateName, GrainId grainId, string? current, string? expected)
    {
        if (!string.Equals(current, expected, StringComparison.Ordinal))
        {
            throw new InconsistentStateException(
                $"State '{stateName}' of {grainId} was written by someone else: stored ETag {current ?? "none"}, this writer holds {expected ?? "none"}.",
                current ?? string.Empty, expected ?? string.Empty);
        }
    }

    private static async Task<string?> CurrentEtagAsync(string path)
    {
        try
        {
            return (await ReadFileAsync(path).ConfigureAwait(false))?.Etag;
        }
        catch (GrainStateCorruptException)
        {
            // A corrupt file is replaced by a writer that read nothing from it (the activation failed or cleared it).
            return null;
        }
    }

    private static async Task<(ReadOnlyMemory<byte> Json, string Etag)?> ReadFileAsync(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var bytes = await File.ReadAllBytesAsync(path).ConfigureAwait(false);
        var newline = Array.IndexOf(bytes, (byte)'\n');
        if (newline <= 0)
        {
            throw new GrainStateCorruptException(path, "it has no ETag line (line 1)");
        }

        var etag = Encoding.UTF8.GetString(bytes, 0, newline);
        if (!long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            throw new GrainStateCorruptException(path, $"line 1 is not an ETag: '{Truncate(etag)}'");
        }

        return (bytes.AsMemory(newline + 1), etag);
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";

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
