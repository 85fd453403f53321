using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hive.Dashboard.Tests.Browser;

/// <summary>
/// Logs in and saves a PNG of each main page once it shows live data. With <c>HIVE_DASHBOARD_SCREENSHOTS=DIR</c> the
/// PNGs go to DIR (<c>src/Hive.Dashboard/screenshots/update.sh</c> sets it to refresh the committed ones); otherwise to
/// a temporary folder that is deleted.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenshotTests(BrowserFixture fixture)
{
    public const string Variable = "HIVE_DASHBOARD_SCREENSHOTS";

    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    [BrowserFact]
    public async Task Screenshots_MainPagesWithLiveData_SavedAsPng()
    {
        var named = Environment.GetEnvironmentVariable(Variable);
        var folder = named is { Length: > 0 } ? Path.GetFullPath(named) : Path.Combine(Path.GetTempPath(), "hive-screenshots-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        try
        {
            var page = await fixture.NewLoggedInPageAsync();
            await using var context = page.Context;
            await Expect(page.GetByTestId("silo-row")).ToHaveCountAsync(3);
            await Save(page, "overview");

            await page.GetByTestId("nav-runners").ClickAsync();
            await Expect(RunnerTests.RunnerRow(page, BrowserFixture.TradingRunner).GetByTestId("runner-trades")).ToHaveTextAsync(new Regex("[1-9]"));
            await Save(page, "runners");

            await page.GotoAsync($"/runners/{BrowserFixture.TradingRunner}");
            await Expect(page.GetByTestId("marker-count")).ToHaveTextAsync(new Regex("[1-9]"));
            await Save(page, "runner-chart", fullPage: true);

            await page.GetByTestId("nav-feeds").ClickAsync();
            await Expect(page.GetByTestId("feed-row").First).ToBeVisibleAsync();
            await Save(page, "feeds");

            await page.GetByTestId("nav-gateway").ClickAsync();
            await Expect(page.GetByTestId("kill-switch-state")).ToHaveTextAsync(new Regex("engaged|released"));
            await Save(page, "gateway");

            await page.GetByTestId("nav-backtests").ClickAsync();
            await BacktestTests.SubmitAsync(page);
            await page.GetByTestId("backtest-submitted").Locator("a").ClickAsync();
            await Expect(page.GetByTestId("backtest-status")).ToHaveTextAsync("completed");
            await Expect(page.GetByTestId("trade-row").First).ToBeVisibleAsync();
            await Save(page, "backtest-report");

            await page.GetByTestId("nav-orleans").ClickAsync();
            // Its method lists fill once the profiling its first query switched on has counted calls.
            await Expect(page.Locator("#content")).ToContainTextAsync("req/sec");
            await Save(page, "orleans-dashboard");

            foreach (var name in new[] { "overview", "runners", "runner-chart", "feeds", "gateway", "backtest-report", "orleans-dashboard" })
            {
                var bytes = await File.ReadAllBytesAsync(Path.Combine(folder, name + ".png"));
                Assert.True(bytes.AsSpan().StartsWith(PngSignature), $"{name}.png is not a PNG");
            }
        }
        finally
        {
            if (named is not { Length: > 0 })
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        Task Save(IPage page, string name, bool fullPage = false) =>
            page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = fullPage });
    }
}
