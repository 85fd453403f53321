using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hive.Dashboard.Tests.Browser;

/// <summary>The runners table and a runner's page, live: trades, the chart, pause and resume.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class RunnerTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task Runners_RunnerTradingLive_TradesChangeWithoutReload()
    {
        var page = await fixture.NewLoggedInPageAsync();
        await using var context = page.Context;

        await page.GetByTestId("nav-runners").ClickAsync();
        await Expect(page.GetByTestId("runners-table")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("live-status")).ToHaveTextAsync("live");
        var row = RunnerRow(page, BrowserFixture.TradingRunner);
        await Expect(row).ToBeVisibleAsync();
        await Expect(row.GetByTestId("runner-trades")).ToHaveTextAsync(PositiveCount());
        var trades = await row.GetByTestId("runner-trades").InnerTextAsync();
        var updated = await page.GetByTestId("updated-at").InnerTextAsync();

        // The page is not reloaded: the server-sent updates change the numbers.
        await Expect(row.GetByTestId("runner-trades")).Not.ToHaveTextAsync(trades);
        await Expect(page.GetByTestId("updated-at")).Not.ToHaveTextAsync(updated);
        Assert.True(Count(await row.GetByTestId("runner-trades").InnerTextAsync()) > Count(trades), "the trade count went down");
        await Expect(row.GetByTestId("runner-state")).Not.ToBeEmptyAsync();
        await Expect(row.GetByTestId("runner-position")).Not.ToBeEmptyAsync();
        await Expect(row.GetByTestId("runner-pnl")).Not.ToBeEmptyAsync();
        await Expect(RunnerRow(page, BrowserFixture.PausedRunner)).ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task RunnerPage_Live_ChartGetsNewBarsAndMarkers()
    {
        var page = await fixture.NewLoggedInPageAsync();
        await using var context = page.Context;
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => scriptErrors.Add(error);
        await page.GetByTestId("nav-runners").ClickAsync();

        await RunnerRow(page, BrowserFixture.TradingRunner).GetByTestId("runner-link").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/runners/{BrowserFixture.TradingRunner}$"));
        await Expect(page.GetByTestId("price-chart").Locator("canvas").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("equity-chart").Locator("canvas").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("live-status")).ToHaveTextAsync("live");
        var lastBar = page.GetByTestId("chart-last-bar");
        await Expect(lastBar).ToHaveTextAsync(IsoTime());
        var first = await lastBar.InnerTextAsync();

        await Expect(lastBar).Not.ToHaveTextAsync(first);
        var later = await lastBar.InnerTextAsync();
        Assert.True(Time(later) > Time(first), $"the newest bar went from {first} back to {later}");
        // The alternating strategy enters and exits on every bar: the chart marks them.
        await Expect(page.GetByTestId("marker-count")).ToHaveTextAsync(PositiveCount());
        await Expect(page.GetByTestId("runner-state")).Not.ToBeEmptyAsync();
        // Neither the full chart fetched on connecting nor the live updates around it made the chart refuse a point
        // (lightweight-charts throws on an update older than its newest point; the page shows such errors as an alert).
        await Expect(page.GetByTestId("chart-last-bar")).Not.ToHaveTextAsync(later);
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        Assert.Empty(scriptErrors);
    }

    [BrowserFact]
    public async Task Runners_PauseThenResume_StateShowsPausedThenTradesAgain()
    {
        var page = await fixture.NewLoggedInPageAsync();
        await using var context = page.Context;
        await page.GetByTestId("nav-runners").ClickAsync();
        var row = RunnerRow(page, BrowserFixture.PausedRunner);
        await Expect(row.GetByTestId("runner-state")).Not.ToHaveTextAsync(Paused());

        await row.GetByTestId("runner-pause").ClickAsync();
        await Expect(row.GetByTestId("runner-state")).ToHaveTextAsync(Paused());

        await row.GetByTestId("runner-resume").ClickAsync();
        await Expect(row.GetByTestId("runner-state")).Not.ToHaveTextAsync(Paused());
        var trades = await row.GetByTestId("runner-trades").InnerTextAsync();
        await Expect(row.GetByTestId("runner-trades")).Not.ToHaveTextAsync(trades);
    }

    [BrowserFact]
    public async Task RunnerPage_PauseThenResume_StateFollows()
    {
        var page = await fixture.NewLoggedInPageAsync();
        await using var context = page.Context;
        await page.GotoAsync($"/runners/{BrowserFixture.PausedRunner}");
        var state = page.GetByTestId("runner-state");
        await Expect(state).Not.ToHaveTextAsync(Paused());

        await page.GetByTestId("runner-pause").ClickAsync();
        await Expect(state).ToHaveTextAsync(Paused());
        await page.GetByTestId("runner-resume").ClickAsync();

        await Expect(state).Not.ToHaveTextAsync(Paused());
    }

    internal static ILocator RunnerRow(IPage page, string runnerId) =>
        page.Locator($"[data-testid='runner-row'][data-runner-id='{runnerId}']");

    private static long Count(string text) => long.Parse(text.Trim().Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    [GeneratedRegex(@"^\s*[1-9][\d,]*\s*$")]
    private static partial Regex PositiveCount();

    [GeneratedRegex(@"^\s*\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")]
    private static partial Regex IsoTime();

    [GeneratedRegex(@"^\s*paused\s*$")]
    private static partial Regex Paused();
}
