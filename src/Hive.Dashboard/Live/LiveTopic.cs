namespace Hive.Dashboard.Live;

/// <summary>One running view of <see cref="LiveHub"/> and its clients (guarded by the hub's lock).</summary>
internal sealed class LiveTopic(string key)
{
    public string Key { get; } = key;

    public List<LiveSubscription> Subscribers { get; } = [];

    public CancellationTokenSource Stop { get; } = new();

    public Task Loop { get; set; } = Task.CompletedTask;
}
