namespace Hive.Binance.OrderBook;

/// <summary>What <see cref="OrderBookSynchronizer"/> did with a diff or a snapshot.</summary>
public enum OrderBookSyncResult : byte
{
    /// <summary>The diff was buffered: the book waits for a snapshot.</summary>
    Buffered,

    /// <summary>The diff (or the snapshot and the buffered diffs) brought the book up to date.</summary>
    Applied,

    /// <summary>The diff is older than the book and was dropped.</summary>
    Stale,

    /// <summary>An update was missed: the book is out of sync and needs a new snapshot.</summary>
    Gap,

    /// <summary>The snapshot is older than the first buffered diff; fetch another one.</summary>
    SnapshotTooOld,
}
