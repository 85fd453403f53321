using Hive.Testing;

namespace Hive.Trading.Tests;

public sealed class SharedDataTests
{
    [Fact]
    public void RepositoryRoot_FromTestOutput_HoldsTheSolution()
    {
        Assert.True(File.Exists(Path.Combine(SharedData.RepositoryRoot, "Hive.sln")));
    }
}
