using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hive.Dashboard.Tests.Browser;

/// <summary>A control action that carries the browser's session cookie but not the page's anti-forgery token is refused.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ForgeryTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task Pause_SessionCookieWithoutAntiforgeryToken_Returns400AndRunnerIsNotPaused()
    {
        var page = await fixture.NewLoggedInPageAsync();
        await using var context = page.Context;
        await page.GetByTestId("nav-runners").ClickAsync();
        var state = RunnerTests.RunnerRow(page, BrowserFixture.PausedRunner).GetByTestId("runner-state");
        await Expect(state).Not.ToHaveTextAsync("paused");

        // As a forged cross-site request arrives: the browser adds the cookie, no script adds the header.
        var response = await context.APIRequest.PostAsync($"/api/runners/{BrowserFixture.PausedRunner}/pause", new APIRequestContextOptions
        {
            DataObject = new { },
            MaxRedirects = 0,
        });

        Assert.Equal(400, response.Status);
        var updated = await page.GetByTestId("updated-at").GetAttributeAsync("datetime");
        await Expect(page.GetByTestId("updated-at")).Not.ToHaveAttributeAsync("datetime", updated ?? string.Empty);
        await Expect(state).Not.ToHaveTextAsync(new Regex("paused"));
    }
}
