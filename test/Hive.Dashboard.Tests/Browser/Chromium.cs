namespace Hive.Dashboard.Tests.Browser;

/// <summary>
/// Debian's Chromium, which the browser tests drive through Playwright (the <c>chromium</c> package, installed by
/// <c>.ci/run</c>; Playwright's own browser download is never used). <c>HIVE_TEST_CHROMIUM</c> names another binary.
/// Tests use <see cref="BrowserFactAttribute"/>: without the browser they are skipped with the reason, except on CI
/// (<c>CI=true</c>), where they run and fail because the browser is missing.
/// </summary>
internal static class Chromium
{
    public const string Variable = "HIVE_TEST_CHROMIUM";

    // The Debian package's launcher first (it reads /etc/chromium.d), then the binary it starts.
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/lib/chromium/chromium"];

    private static readonly Lazy<string?> LazyExecutable = new(Find);

    /// <summary>The browser binary, or null when none is installed.</summary>
    public static string? Executable => LazyExecutable.Value;

    /// <summary>True when the browser tests must run: the browser is there, or CI demands them.</summary>
    public static bool Required => Executable is not null || IsCi;

    public static string AbsentReason =>
        $"Chromium is not installed (none of {string.Join(", ", Candidates)}, nor {Variable}): the browser tests are skipped (`apt-get install chromium`, as .ci/run does)";

    /// <summary>The binary, or an error saying what is missing (on CI, where the tests run without it).</summary>
    public static string RequiredExecutable => Executable ?? throw new InvalidOperationException(
        $"{AbsentReason}; CI=true requires them.");

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } named)
        {
            return File.Exists(named) ? named : throw new InvalidOperationException($"{Variable}={named}: no such file.");
        }

        return Candidates.FirstOrDefault(File.Exists);
    }
}
