using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hive.Dashboard.Tests.Browser;

/// <summary>Submitting a backtest from the browser and reading its report.</summary>
[Collection(DashboardCollection.Name)]
public sealed class BacktestTests(DashboardFixture fixture)
{
    [BrowserFact]
    public async Task Backtest_SubmitGeneratedData_ReportShowsTradesEquityAndMetrics()
    {
        var page = await fixture.NewLoggedInPageAsync();
        await using var context = page.Context;
        await page.GetByTestId("nav-backtests").ClickAsync();
        var before = await page.GetByTestId("backtest-row").CountAsync();

        await page.GetByTestId("backtest-generate").FillAsync("BTCUSDT:5000:7");
        await page.GetByTestId("backtest-runner").FillAsync(DashboardFixture.TradingRunner);
        await page.GetByTestId("backtest-submit").ClickAsync();

        var rows = page.GetByTestId("backtest-row");
        await Expect(rows).ToHaveCountAsync(before + 1);
        var row = rows.Filter(new LocatorFilterOptions { Has = page.GetByTestId("backtest-status").GetByText(new Regex("completed|done|finished", RegexOptions.IgnoreCase)) });
        await Expect(row).Not.ToHaveCountAsync(0);
        await row.First.Locator("a[href*='/backtests/']").First.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/backtests/[^/]+$"));
        await Expect(page.GetByTestId("backtest-report")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("backtest-equity-chart").Locator("canvas").First).ToBeVisibleAsync();
        // The alternating strategy trades every other bar of the 5000 generated.
        await Expect(page.GetByTestId("trade-row").First).ToBeVisibleAsync();
        Assert.True(await page.GetByTestId("trade-row").CountAsync() > 100, "the report lists fewer than 100 trades for 5000 alternating bars");
        await Expect(page.GetByTestId("backtest-metric").First).ToBeVisibleAsync();
    }
}
