using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hive.Dashboard.Tests.Browser;

/// <summary>The feeds page: one row per symbol the run trades, with its rate and subscribers.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FeedsTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task Feeds_RunWithTwoSymbols_ShowsEachWithRateAndSubscribers()
    {
        var page = await fixture.NewLoggedInPageAsync();
        await using var context = page.Context;

        await page.GetByTestId("nav-feeds").ClickAsync();

        foreach (var symbol in new[] { "BTCUSDT", "ETHUSDT" })
        {
            var row = page.GetByTestId("feed-row").Filter(new LocatorFilterOptions { Has = page.GetByTestId("feed-symbol").GetByText(symbol, new() { Exact = true }) });
            await Expect(row).ToHaveCountAsync(1);
            // A bar every 100 ms: a rate above zero once the first second's events are counted.
            await Expect(row.GetByTestId("feed-rate")).ToHaveTextAsync(new Regex(@"[1-9]"));
            await Expect(row.GetByTestId("feed-subscribers")).ToHaveTextAsync(new Regex(@"^\s*[1-9]"));
        }
    }
}
