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
        // Its overview counts hive run's three silos (control, live, data).
        await Expect(page.Locator("#content")).ToContainTextAsync(new Regex(@"Active Silos\s*3"));
        await Expect(page.Locator("#content")).ToContainTextAsync("Total Activations");
        // Its profiling, switched on by its first query, counts the runners' grain calls: the method lists fill.
        await Expect(page.Locator("#content")).ToContainTextAsync("req/sec");
        await Expect(page.Locator("#content")).ToContainTextAsync("RunnerGrain");
        await Expect(page.Locator("#error-message-content")).ToBeEmptyAsync();
    }
}
