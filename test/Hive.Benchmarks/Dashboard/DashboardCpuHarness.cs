using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Hive.Dashboard.Tests.Browser;
using Microsoft.Playwright;

namespace Hive.Benchmarks.Dashboard;

/// <summary>
/// <c>dashboard-cpu [SECONDS] [ROUNDS] [SPEED]</c>: starts a real <c>hive run</c> process (the build output of
/// <c>src/Hive</c>) with four trading runners on two simulated feeds at SPEED x real time, then measures the process's
/// CPU time (utime + stime from <c>/proc/PID/stat</c>) over a window of SECONDS in three situations: nobody watching,
/// one Hive page open (a runner's live chart), and Orleans' dashboard open, each in headless Debian Chromium driven by
/// Playwright. The situations alternate within each round, so the machine's shifting load (it is shared) spreads over
/// all three; each window records the load average at its start and end. A no-viewer window after the Orleans
/// dashboard's starts 95 s after it closed, once its profiling is off again. Prints one line per window and a markdown
/// table of the medians (see RESULTS.md beside this file).
/// </summary>
internal static class DashboardCpuHarness
{
    private const string Runners = """
        runners:
          - id: btc_alt
            symbol: BTCUSDT
            strategy: alternating.lua
          - id: btc_ema
            symbol: BTCUSDT
            strategy: ema-cross
          - id: eth_alt
            symbol: ETHUSDT
            strategy: alternating.lua
          - id: eth_ema
            symbol: ETHUSDT
            strategy: ema-cross
        """;

    // Past start-up's JIT and the first grain activations before the first window.
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(20);

    // After a viewer opens or closes: its first requests (page, scripts, the first full snapshot) are not its steady cost.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    // Orleans' dashboard keeps profiling grain calls 30 s after its last query and checks that once a minute: the
    // no-viewer window after it starts once profiling is surely off again.
    private static readonly TimeSpan ProfilingOff = TimeSpan.FromSeconds(95);

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 30;
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var speed = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 60;
        var window = TimeSpan.FromSeconds(seconds);
        var ticksPerSecond = ClockTicksPerSecond();

        using var run = await HiveRunProcess.StartAsync(Runners, speed);
        Console.WriteLine($"hive run pid {run.Pid} at {run.Address}; {Environment.ProcessorCount} cores; load average {LoadAverage()}");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium.RequiredExecutable, Headless = true });
        await Task.Delay(WarmUp);

        var results = new Dictionary<string, List<Window>>(StringComparer.Ordinal)
        {
            ["no viewer"] = [],
            ["runner chart page (live)"] = [],
            ["Orleans dashboard"] = [],
        };
        for (var round = 1; round <= rounds; round++)
        {
            results["no viewer"].Add(await MeasureAsync(run, ticksPerSecond, window, $"round {round}, no viewer"));

            await using (var context = await LoggedInAsync(browser, run))
            {
                var page = context.Pages[0];
                await page.GotoAsync("/runners/btc_alt");
                await Assertions.Expect(page.GetByTestId("live-status")).ToHaveTextAsync("live", new() { Timeout = 60_000 });
                await Assertions.Expect(page.GetByTestId("chart-last-bar")).Not.ToBeEmptyAsync(new() { Timeout = 60_000 });
                await Task.Delay(Settle);
                results["runner chart page (live)"].Add(await MeasureAsync(run, ticksPerSecond, window, $"round {round}, runner chart page"));
            }

            await using (var context = await LoggedInAsync(browser, run))
            {
                var page = context.Pages[0];
                await page.GotoAsync("/dashboard");
                await Assertions.Expect(page.Locator("#content")).Not.ToContainTextAsync("Loading...", new() { Timeout = 60_000 });
                await Task.Delay(Settle);
                results["Orleans dashboard"].Add(await MeasureAsync(run, ticksPerSecond, window, $"round {round}, Orleans dashboard"));
            }

            if (round < rounds)
            {
                await Task.Delay(ProfilingOff);
            }
        }

        Console.WriteLine();
        Console.WriteLine($"| situation | median CPU % of one core | rounds (CPU %) | load average during the windows |");
        Console.WriteLine("|---|---:|---|---|");
        var baseline = Median(results["no viewer"]);
        foreach (var (name, windows) in results)
        {
            var median = Median(windows);
            var extra = name == "no viewer" ? "" : string.Create(CultureInfo.InvariantCulture, $" ({median - baseline:+0.0;-0.0} points)");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {median:0.0}{extra} | {string.Join(", ", windows.Select(w => w.Percent.ToString("0.0", CultureInfo.InvariantCulture)))} | {string.Join("; ", windows.Select(w => $"{w.LoadStart}→{w.LoadEnd}"))} |"));
        }

        return 0;
    }

    private static async Task<IBrowserContext> LoggedInAsync(IBrowser browser, HiveRunProcess run)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = run.Address.ToString(), ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByTestId("token").FillAsync(run.Token);
        await page.GetByTestId("login").ClickAsync();
        await Assertions.Expect(page.GetByTestId("nav-overview")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        return context;
    }

    private static async Task<Window> MeasureAsync(HiveRunProcess run, long ticksPerSecond, TimeSpan window, string label)
    {
        if (run.HasExited)
        {
            throw new InvalidOperationException($"hive run exited during the measurement:\n{run.Tail()}");
        }

        using var http = new HttpClient { BaseAddress = run.Address, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", run.Token);
        var (topics, computationsStart) = await LiveAsync(http);
        var loadStart = LoadAverage();
        var ticksStart = CpuTicks(run.Pid);
        var start = Stopwatch.GetTimestamp();
        await Task.Delay(window);
        var ticks = CpuTicks(run.Pid) - ticksStart;
        var elapsed = Stopwatch.GetElapsedTime(start);
        var cpu = (double)ticks / ticksPerSecond;
        var result = new Window(100 * cpu / elapsed.TotalSeconds, loadStart, LoadAverage());
        var (_, computationsEnd) = await LiveAsync(http);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: {cpu:0.00} CPU-s in {elapsed.TotalSeconds:0.0} s = {result.Percent:0.0} % of one core; load average {result.LoadStart} → {result.LoadEnd}; live views {topics}, {computationsEnd - computationsStart} view computations in the window"));
        return result;
    }

    // The dashboard's own count of live views running and of their computations since start (/api/live); the two
    // requests around a window are outside it.
    private static async Task<(int Topics, long Computations)> LiveAsync(HttpClient http)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync("api/live"));
        return (document.RootElement.GetProperty("topics").GetInt32(), document.RootElement.GetProperty("computations").GetInt64());
    }

    // utime + stime (fields 14 and 15 of /proc/PID/stat, in clock ticks); the command name (field 2) may hold spaces,
    // so the fields are counted after its closing parenthesis.
    private static long CpuTicks(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    // The one-minute load average.
    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    private static long ClockTicksPerSecond()
    {
        using var getconf = Process.Start(new ProcessStartInfo("getconf", "CLK_TCK") { RedirectStandardOutput = true, UseShellExecute = false })
            ?? throw new InvalidOperationException("getconf did not start");
        var text = getconf.StandardOutput.ReadToEnd();
        getconf.WaitForExit();
        return long.Parse(text.Trim(), CultureInfo.InvariantCulture);
    }

    private static double Median(List<Window> windows)
    {
        var sorted = windows.Select(static w => w.Percent).Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private sealed record Window(double Percent, string LoadStart, string LoadEnd);
}
