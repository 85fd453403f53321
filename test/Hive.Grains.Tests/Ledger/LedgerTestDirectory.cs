namespace Hive.Grains.Tests.Ledger;

/// <summary>A fresh temporary directory, deleted on dispose.</summary>
internal sealed class LedgerTestDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "hive-ledger-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
