using Microsoft.Playwright;

namespace Hive.Dashboard.Tests.Browser;

/// <summary>
/// One <c>hive run</c> process and one headless Debian Chromium shared by the browser tests (they run one after another
/// in <see cref="BrowserCollection"/>: they share the run's gateway, whose kill switch one of them engages). It is a
/// process of its own, apart from the HTTP tests' in-process run, so the browser sees <c>hive run</c> as an operator
/// starts it. Each test opens a browser context of its own, logged in with <see cref="NewLoggedInPageAsync"/> or not.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>The runner the trading and chart tests watch: it trades on every bar.</summary>
    public const string TradingRunner = "btc_alt";

    /// <summary>The runner the pause test pauses and resumes, apart from the one the others watch.</summary>
    public const string PausedRunner = "eth_alt";

    // The longest any wait on the page lasts: live views send once a second, and the machine is shared.
    public static readonly TimeSpan PageDeadline = TimeSpan.FromSeconds(60);

    // A one-minute bar every 100 ms: the alternating runners trade several times a second, the chart gets a new candle
    // every second it is sent.
    private const double Speed = 600;

    private static readonly string Runners = $"""
        runners:
          - id: {TradingRunner}
            symbol: BTCUSDT
            strategy: alternating.lua
          - id: {PausedRunner}
            symbol: ETHUSDT
            strategy: alternating.lua
        """;

    private HiveRunProcess? _run;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    internal HiveRunProcess Run => _run ?? throw new InvalidOperationException("The fixture did not start: Chromium is absent.");

    internal IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture did not start: Chromium is absent.");

    internal IPlaywright Playwright => _playwright ?? throw new InvalidOperationException("The fixture did not start: Chromium is absent.");

    public Uri Address => Run.Address;

    public async Task InitializeAsync()
    {
        if (!Chromium.Required)
        {
            // Every test of the collection is skipped; start nothing.
            return;
        }

        Assertions.SetDefaultExpectTimeout((float)PageDeadline.TotalMilliseconds);
        _run = await HiveRunProcess.StartAsync(Runners, Speed);
        _playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.RequiredExecutable,
            Headless = true,
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        _run?.Dispose();
    }

    /// <summary>A fresh browser context (no cookies) with its base address set to the run's HTTP host.</summary>
    internal async Task<IBrowserContext> NewContextAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        context.SetDefaultTimeout((float)PageDeadline.TotalMilliseconds);
        return context;
    }

    /// <summary>A page in a fresh context, logged in with the run's token through the login form, on the overview.</summary>
    internal async Task<IPage> NewLoggedInPageAsync()
    {
        var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await LogInAsync(page, Run.Token);
        await Assertions.Expect(page.GetByTestId("nav-overview")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Opens the login page and submits <paramref name="token"/>.</summary>
    internal static async Task LogInAsync(IPage page, string token)
    {
        await page.GotoAsync("/login");
        await page.GetByTestId("token").FillAsync(token);
        await page.GetByTestId("login").ClickAsync();
    }
}
