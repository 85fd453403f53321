using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Hive.Dashboard.Tests.Browser;

/// <summary>Orleans' own dashboard at <c>/dashboard</c>, behind the same login.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OrleansDashboardTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task OrleansDashboard_AfterLogin_RendersItsMenuAndClusterView()
    {
        var page = await fixture.NewLoggedInPageAsync();
        await using var context = page.Context;

        await page.GetByTestId("nav-orleans").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/dashboard/?$"));
        await Expect(page).ToHaveTitleAsync("Orleans Dashboard");
        // Its script fills the menu and replaces the "Loading..." placeholder once its API calls (behind the login) answer.
        await Expect(page.Locator("#menu a").First).ToBeVisibleAsync();
        await Expect(page.Locator("#content")).Not.ToContainTextAsync("Loading...");
        await Expect(page.Locator("#content")).ToContainTextAsync(new Regex("silo", RegexOptions.IgnoreCase));
        await Expect(page.Locator("#error-message-content")).ToBeEmptyAsync();
    }
}
