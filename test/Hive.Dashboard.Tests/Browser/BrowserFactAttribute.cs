namespace Hive.Dashboard.Tests.Browser;

/// <summary>
/// A fact that needs Debian's Chromium: skipped with the reason when it is not installed, except on CI (<c>CI=true</c>),
/// where it runs and fails.
/// </summary>
internal sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!Chromium.Required)
        {
            Skip = Chromium.AbsentReason;
        }
    }
}
