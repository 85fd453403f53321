namespace Hive.Dashboard.Views;

/// <summary>
/// The backtests submitted through this dashboard host, newest first, at most <see cref="Capacity"/>: the grains keep
/// each backtest under its ID but list none, so the dashboard remembers the IDs it handed out.
/// </summary>
internal sealed class BacktestLog
{
    public const int Capacity = 50;

    private readonly Lock _lock = new();
    private readonly LinkedList<string> _ids = new();

    public void Add(string id)
    {
        lock (_lock)
        {
            _ids.AddFirst(id);
            while (_ids.Count > Capacity)
            {
                _ids.RemoveLast();
            }
        }
    }

    public IReadOnlyList<string> Ids()
    {
        lock (_lock)
        {
            return [.. _ids];
        }
    }
}
