using System.Text;
using System.Text.Json;
using Hive.Runtime.Storage;
using Hive.Runtime.Tests.Grains;

namespace Hive.Runtime.Tests;

public sealed class PersistenceTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hive-state-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("file")]
    public async Task WriteStateAsync_StaleEtag_ThrowsInconsistentStateException(string provider)
    {
        IGrainStorage storage = provider == "memory" ? new MemoryGrainStorage() : new FileGrainStorage(_directory);
        var id = new GrainId("profile", "stale");
        var first = new PersistentState<ProfileState>("profile", id, storage, JsonSerializerOptions.Default);
        var sut = new PersistentState<ProfileState>("profile", id, storage, JsonSerializerOptions.Default);
        await first.ReadStateAsync();
        await sut.ReadStateAsync();

        first.State.Name = "first";
        await first.WriteStateAsync();
        sut.State.Name = "second";
        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => sut.WriteStateAsync());

        Assert.Contains("profile/stale", error.Message, StringComparison.Ordinal);
        await sut.ReadStateAsync();
        Assert.Equal("first", sut.State.Name);
        Assert.True(sut.RecordExists);
    }

    [Fact]
    public async Task FileStorage_WriteInterrupted_KeepsLastCompleteState()
    {
        var id = new GrainId("profile", "crash");
        var sut = new FileGrainStorage(_directory);
        var etag = await sut.WriteAsync("profile", id, Encoding.UTF8.GetBytes("{\"name\":\"complete\"}"), null);
        sut.BeforeCommit = _ => throw new IOException("simulated crash in the middle of the write");

        await Assert.ThrowsAsync<IOException>(() => sut.WriteAsync("profile", id, Encoding.UTF8.GetBytes("{\"name\":\"never-finished\"}"), etag));
        var reread = await new FileGrainStorage(_directory).ReadAsync("profile", id);

        Assert.NotNull(reread);
        Assert.Equal(etag, reread.Etag);
        Assert.Equal("{\"name\":\"complete\"}", Encoding.UTF8.GetString(reread.Json.Span));
    }

    [Fact]
    public async Task FileStorage_LeftoverPartialTempFile_IsIgnored()
    {
        var id = new GrainId("profile", "leftover");
        var sut = new FileGrainStorage(_directory);
        var etag = await sut.WriteAsync("profile", id, Encoding.UTF8.GetBytes("{\"name\":\"complete\"}"), null);
        string? partial = null;
        sut.BeforeCommit = path =>
        {
            // A process killed here leaves the half-written temporary file behind: keep a copy of it.
            partial = path + ".kept";
            File.Copy(path, partial);
            throw new IOException("killed");
        };
        await Assert.ThrowsAsync<IOException>(() => sut.WriteAsync("profile", id, Encoding.UTF8.GetBytes("{\"name\":\"partial-write\"}"), etag));

        var reread = await new FileGrainStorage(_directory).ReadAsync("profile", id);

        Assert.True(File.Exists(partial));
        Assert.Equal("{\"name\":\"complete\"}", Encoding.UTF8.GetString(reread!.Json.Span));
    }

    [Fact]
    public async Task ClearStateAsync_RecordDeleted_ReadsDefault()
    {
        var storage = new MemoryGrainStorage();
        var id = new GrainId("profile", "clear");
        var sut = new PersistentState<ProfileState>("profile", id, storage, JsonSerializerOptions.Default);
        sut.State.Name = "x";
        await sut.WriteStateAsync();

        await sut.ClearStateAsync();
        await sut.ReadStateAsync();

        Assert.False(sut.RecordExists);
        Assert.Null(sut.State.Name);
        Assert.Null(sut.Etag);
    }
}
