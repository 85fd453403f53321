using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hive.Dashboard.Tests.Browser;

/// <summary>Logging in with the API token, and what a visitor sees without it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LoginTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task Login_WrongToken_ShowsLoginErrorAndStaysOut()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();

        await BrowserFixture.LogInAsync(page, "not-the-token-" + Guid.NewGuid().ToString("N"));

        await Expect(page.GetByTestId("login-error")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("token")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("nav-runners")).ToHaveCountAsync(0);
        var overview = await page.GotoAsync("/");
        Assert.NotNull(overview);
        await Expect(page.GetByTestId("token")).ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task Login_RightToken_ShowsOverviewWithSilosNavigationAndLiveStatus()
    {
        var page = await fixture.NewLoggedInPageAsync();
        await using var context = page.Context;

        // hive run's embedded cluster: a control, a live and a data silo.
        var silos = page.GetByTestId("silo-row");
        await Expect(silos).ToHaveCountAsync(3);
        foreach (var role in new[] { "control", "live", "data" })
        {
            await Expect(silos.Filter(new LocatorFilterOptions { Has = page.GetByTestId("silo-role").GetByText(role, new() { Exact = true }) }))
                .ToHaveCountAsync(1);
        }

        await Expect(silos.First.GetByTestId("silo-name")).Not.ToBeEmptyAsync();
        await Expect(silos.GetByTestId("silo-status").First).ToHaveTextAsync("Active");
        foreach (var link in new[] { "nav-overview", "nav-runners", "nav-feeds", "nav-gateway", "nav-backtests", "nav-orleans" })
        {
            await Expect(page.GetByTestId(link)).ToBeVisibleAsync();
        }

        await Expect(page.GetByTestId("nav-orleans")).ToHaveAttributeAsync("href", new Regex("/dashboard/?$"));
        await Expect(page.GetByTestId("live-status")).ToHaveTextAsync("live");
        await Expect(page.GetByTestId("updated-at")).Not.ToBeEmptyAsync();
    }

    [BrowserFact]
    public async Task Pages_WithoutLogin_ShowTheLoginPage()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();

        foreach (var path in new[] { "/", "/runners", $"/runners/{BrowserFixture.TradingRunner}", "/gateway", "/dashboard" })
        {
            await page.GotoAsync(path);
            await Expect(page.GetByTestId("token")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("login")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("nav-runners")).ToHaveCountAsync(0);
            Assert.StartsWith("/login", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        }
    }
}
