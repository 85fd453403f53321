using static Microsoft.Playwright.Assertions;

namespace Hive.Dashboard.Tests.Browser;

/// <summary>The gateway page: its deployments and the kill switch.</summary>
[Collection(BrowserCollection.Name)]
public sealed class GatewayTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task KillSwitch_EngageThenRelease_StateFollows()
    {
        var page = await fixture.NewLoggedInPageAsync();
        await using var context = page.Context;
        await page.GetByTestId("nav-gateway").ClickAsync();
        var state = page.GetByTestId("kill-switch-state");
        await Expect(state).ToHaveTextAsync("released");
        await Expect(page.GetByTestId("deployment-row").First).ToBeVisibleAsync();

        await page.GetByTestId("kill-switch-engage").ClickAsync();
        try
        {
            await Expect(state).ToHaveTextAsync("engaged");
        }
        finally
        {
            // The other tests share this run's gateway: never leave it engaged.
            await page.GetByTestId("kill-switch-release").ClickAsync();
        }

        await Expect(state).ToHaveTextAsync("released");
    }
}
