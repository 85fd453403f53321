using Microsoft.Playwright;

namespace Hive.Dashboard.Tests.Browser;

/// <summary>The JSON API, the live streams and the metrics refuse a request without the token or a session (401, no redirect).</summary>
[Collection(BrowserCollection.Name)]
public sealed class MachinePathTests(BrowserFixture fixture)
{
    private static readonly string[] Paths = ["/api/overview", "/api/runners", $"/api/runners/{BrowserFixture.TradingRunner}", "/events/runners", "/metrics"];

    [BrowserFact]
    public async Task MachinePaths_WithoutCredentials_Answer401()
    {
        var request = await fixture.Playwright.APIRequest.NewContextAsync(new APIRequestNewContextOptions { BaseURL = fixture.Address.ToString() });
        await using var _ = request;

        foreach (var path in Paths)
        {
            var response = await request.GetAsync(path, new APIRequestContextOptions { MaxRedirects = 0, Timeout = 30_000 });
            Assert.True(response.Status == 401, $"GET {path} without credentials answered {response.Status}, not 401");
        }
    }

    [BrowserFact]
    public async Task MachinePaths_WithTheToken_AnswerWithoutRefusal()
    {
        // The same paths with the token: the 401 above is the login's doing, not a missing route.
        var request = await fixture.Playwright.APIRequest.NewContextAsync(new APIRequestNewContextOptions
        {
            BaseURL = fixture.Address.ToString(),
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + fixture.Run.Token },
        });
        await using var _ = request;

        foreach (var path in Paths.Where(p => !p.StartsWith("/events", StringComparison.Ordinal)))
        {
            var response = await request.GetAsync(path, new APIRequestContextOptions { MaxRedirects = 0, Timeout = 30_000 });
            Assert.True(response.Status == 200, $"GET {path} with the token answered {response.Status}, not 200");
        }
    }
}
