namespace Hive.Testing;

/// <summary>
/// Locates the reference data written outside the project (<c>../shared/data</c> beside the repository root). Tests
/// that check against it use <see cref="SharedDataFactAttribute"/> or <see cref="SharedDataTheoryAttribute"/> and are
/// reported as skipped, with the reason, when it is absent.
/// </summary>
internal static class SharedData
{
    private static readonly Lazy<string?> LazyRoot = new(FindRoot);

    /// <summary>The repository root (the folder holding <c>Hive.sln</c>).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The <c>shared/data</c> folder, or <c>null</c> when it is absent.</summary>
    public static string? Root => LazyRoot.Value;

    public const string AbsentReason = "../shared/data is absent: the oracle check against real reference data is skipped";

    /// <summary>A path inside <c>shared/data</c>; only call when <see cref="Root"/> is not null.</summary>
    public static string PathOf(params string[] parts) =>
        Path.Combine([Root ?? throw new InvalidOperationException(AbsentReason), .. parts]);

    private static string? FindRoot()
    {
        var candidate = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));
        return Directory.Exists(candidate) ? candidate : null;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hive.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (Hive.sln) above " + AppContext.BaseDirectory);
    }
}

/// <summary>A fact that runs only when <c>../shared/data</c> is present, and is skipped with the reason otherwise.</summary>
internal sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute()
    {
        if (SharedData.Root is null)
        {
            Skip = SharedData.AbsentReason;
        }
    }
}

/// <summary>A theory that runs only when <c>../shared/data</c> is present, and is skipped with the reason otherwise.</summary>
internal sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    public SharedDataTheoryAttribute()
    {
        if (SharedData.Root is null)
        {
            Skip = SharedData.AbsentReason;
        }
    }
}
