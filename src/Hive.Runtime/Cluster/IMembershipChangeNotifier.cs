namespace Hive.Runtime.Cluster;

/// <summary>Optional capability of a membership table: tells readers at once that it changed (in-process tables).</summary>
public interface IMembershipChangeNotifier
{
    /// <summary>Raised after every versioned change.</summary>
    event Action? Changed;
}
