namespace Hive.Runtime.Storage;

internal interface IPersistentStateLoader
{
    Task LoadAsync(CancellationToken cancellationToken);
}
