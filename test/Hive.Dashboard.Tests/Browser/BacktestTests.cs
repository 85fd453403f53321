using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hive.Dashboard.Tests.Browser;

/// <summary>Submitting a backtest from the browser and reading its report.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class BacktestTests(BrowserFixture fixture)
{
    /// <summary>5000 generated one-minute BTCUSDT bars (seed 7), as the form's example.</summary>
    public const string Generate = "BTCUSDT:5000:7";

    /// <summary>The runner the backtest runs (ID:SYMBOL:STRATEGY, as <c>hive backtest --runner</c>): ema-cross, which crosses many times in 5000 random-walk bars.</summary>
    public const string Runner = "bt1:BTCUSDT:ema-cross";

    [BrowserFact]
    public async Task Backtest_SubmitGeneratedData_ReportShowsTradesEquityAndMetrics()
    {
        var page = await fixture.NewLoggedInPageAsync();
        await using var context = page.Context;
        await page.GetByTestId("nav-backtests").ClickAsync();
        await Expect(page.GetByTestId("backtest-form")).ToBeVisibleAsync();

        await SubmitAsync(page);

        // The list gains the submitted backtest's row (found by its ID: the list loads on its own, so a count taken
        // before the submit may miss the earlier tests' backtests).
        var href = await page.GetByTestId("backtest-submitted").Locator("a").GetAttributeAsync("href");
        Assert.NotNull(href);
        var id = href[(href.LastIndexOf('/') + 1)..];
        await Expect(page.Locator($"[data-testid='backtest-row'][data-backtest-id='{id}']")).ToHaveCountAsync(1);
        await page.GetByTestId("backtest-submitted").Locator("a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/backtests/[^/]+$"));
        await Expect(page.GetByTestId("backtest-status")).ToHaveTextAsync("completed");
        await Expect(page.GetByTestId("backtest-report")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("backtest-equity-chart").Locator("canvas").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("trade-row").First).ToBeVisibleAsync();
        var trades = page.Locator("[data-testid='backtest-metric'][data-name='trades']");
        await Expect(trades).ToContainTextAsync(PositiveNumber());
        await Expect(page.Locator("[data-testid='backtest-metric'][data-name='final-equity']")).ToContainTextAsync(PositiveNumber());
    }

    [BrowserFact]
    public async Task Backtests_AfterSubmit_ListLinksToTheCompletedReport()
    {
        var page = await fixture.NewLoggedInPageAsync();
        await using var context = page.Context;
        await page.GetByTestId("nav-backtests").ClickAsync();
        await SubmitAsync(page);
        var href = await page.GetByTestId("backtest-submitted").Locator("a").GetAttributeAsync("href");
        Assert.NotNull(href);
        var id = href[(href.LastIndexOf('/') + 1)..];

        var row = page.Locator($"[data-testid='backtest-row'][data-backtest-id='{id}']");
        await Expect(row.GetByTestId("backtest-status")).ToHaveTextAsync("completed");
        await row.GetByTestId("backtest-link").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/backtests/{Regex.Escape(id)}$"));
        await Expect(page.GetByTestId("backtest-report")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("trade-row").First).ToBeVisibleAsync();
    }

    internal static async Task SubmitAsync(IPage page)
    {
        await page.GetByTestId("backtest-generate").FillAsync(Generate);
        await page.GetByTestId("backtest-runner").FillAsync(Runner);
        await page.GetByTestId("backtest-submit").ClickAsync();
        await Expect(page.GetByTestId("backtest-submitted").Locator("a")).ToBeVisibleAsync();
    }

    [GeneratedRegex(@"[1-9]")]
    private static partial Regex PositiveNumber();
}
