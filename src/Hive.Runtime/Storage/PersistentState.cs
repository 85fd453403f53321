using System.Text.Json;

namespace Hive.Runtime.Storage;

internal sealed class PersistentState<TState> : IPersistentState<TState>, IPersistentStateLoader
    where TState : new()
{
    private readonly string _stateName;
    private readonly GrainId _grainId;
    private readonly IGrainStorage _storage;
    private readonly JsonSerializerOptions _options;

    public PersistentState(string stateName, GrainId grainId, IGrainStorage storage, JsonSerializerOptions options)
    {
        _stateName = stateName;
        _grainId = grainId;
        _storage = storage;
        _options = options;
    }

    public TState State { get; set; } = new();

    public string? Etag { get; private set; }

    public bool RecordExists { get; private set; }

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var stored = await _storage.ReadAsync(_stateName, _grainId, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            State = new TState();
            Etag = null;
            RecordExists = false;
            return;
        }

        State = (TState)(JsonSerializer.Deserialize(stored.Json.Span, _options.GetTypeInfo(typeof(TState))) ?? new TState());
        Etag = stored.Etag;
        RecordExists = true;
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(State, _options.GetTypeInfo(typeof(TState)));
        Etag = await _storage.WriteAsync(_stateName, _grainId, json, Etag, cancellationToken).ConfigureAwait(false);
        RecordExists = true;
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        await _storage.ClearAsync(_stateName, _grainId, Etag, cancellationToken).ConfigureAwait(false);
        State = new TState();
        Etag = null;
        RecordExists = false;
    }

    public Task LoadAsync(CancellationToken cancellationToken) => ReadStateAsync(cancellationToken);
}
