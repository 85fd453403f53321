using System.Net;

namespace Hive.Dashboard.Tests.Http;

/// <summary>Nothing but the login page, its styles and the health endpoints answers a request without the token.</summary>
[Collection(DashboardCollection.Name)]
public sealed class SecurityTests(DashboardRunFixture fixture)
{
    private DashboardRun Run => fixture.Run;

    [Theory]
    [InlineData("/")]
    [InlineData("/runners")]
    [InlineData("/runners/btc_alt")]
    [InlineData("/feeds")]
    [InlineData("/gateway")]
    [InlineData("/backtests")]
    [InlineData("/backtests/bt-unknown")]
    [InlineData("/assets/app.js")]
    [InlineData("/dashboard")]
    public async Task Page_WithoutLogin_RedirectsToLogin(string path)
    {
        using var sut = new DashboardHttp(Run.Address);

        using var response = await sut.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location!.AbsolutePath);
    }

    [Theory]
    [InlineData("/api/runners")]
    [InlineData("/api/overview")]
    [InlineData("/api/runners/btc_alt")]
    [InlineData("/api/live")]
    [InlineData("/events/runners")]
    [InlineData("/events/runners/btc_alt")]
    [InlineData("/metrics")]
    [InlineData("/dashboard/DashboardCounters")]
    [InlineData("/dashboard/ClusterStats")]
    public async Task MachineEndpoint_WithoutLogin_Returns401(string path)
    {
        using var sut = new DashboardHttp(Run.Address);

        using var response = await sut.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/runners/btc_alt/pause")]
    [InlineData("/api/gateway/kill-switch")]
    [InlineData("/api/backtests")]
    [InlineData("/logout")]
    public async Task Action_WithoutLogin_IsRefusedAndChangesNothing(string path)
    {
        using var sut = new DashboardHttp(Run.Address);

        using var response = await sut.PostAsync(path, withAntiforgery: false);

        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Redirect, $"POST {path}: {(int)response.StatusCode}");
    }

    [Theory]
    [InlineData("/api/runners")]
    [InlineData("/metrics")]
    [InlineData("/dashboard/DashboardCounters")]
    public async Task MachineEndpoint_WrongBearerToken_Returns401(string path)
    {
        using var sut = new DashboardHttp(Run.Address);
        sut.UseBearer(Run.Token + "x");

        using var response = await sut.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/runners")]
    [InlineData("/metrics")]
    [InlineData("/dashboard/DashboardCounters")]
    public async Task MachineEndpoint_BearerToken_Returns200(string path)
    {
        using var sut = new DashboardHttp(Run.Address);
        sut.UseBearer(Run.Token);

        using var response = await sut.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/login")]
    [InlineData("/assets/app.css")]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task OpenEndpoint_WithoutLogin_Returns200(string path)
    {
        using var sut = new DashboardHttp(Run.Address);

        using var response = await sut.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Login_WrongToken_Returns401WithTheErrorAndNoSession()
    {
        using var sut = new DashboardHttp(Run.Address);

        using var response = await sut.LoginAsync("not-the-token-at-all");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("data-testid=\"login-error\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var page = await sut.GetAsync("/runners");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
    }

    [Fact]
    public async Task Login_WithoutAntiforgery_Returns400AndNoSession()
    {
        using var sut = new DashboardHttp(Run.Address);

        using var response = await sut.LoginAsync(Run.Token, withAntiforgery: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var page = await sut.GetAsync("/runners");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
    }

    [Fact]
    public async Task Login_Token_SetsAnHttpOnlyCookieAndRedirectsHome()
    {
        using var sut = new DashboardHttp(Run.Address);

        using var response = await sut.LoginAsync(Run.Token);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("hive-session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        foreach (var path in new[] { "/", "/runners", "/runners/btc_alt", "/feeds", "/gateway", "/backtests", "/assets/app.js", "/metrics", "/api/runners" })
        {
            using var page = await sut.GetAsync(path);
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"GET {path} after login: {(int)page.StatusCode}");
        }
    }

    [Fact]
    public async Task Logout_Post_EndsTheSession()
    {
        using var sut = new DashboardHttp(Run.Address);
        await sut.LoginToAsync(Run.Token, "/");

        using var logout = await sut.Client.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__hive_antiforgery"] = sut.Antiforgery }));

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        using var page = await sut.GetAsync("/runners");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
    }

    [Fact]
    public async Task Action_WithoutAntiforgery_Returns400AndLeavesTheRunnerAsItWas()
    {
        using var sut = new DashboardHttp(Run.Address);
        await sut.LoginToAsync(Run.Token);

        using var response = await sut.PostAsync("/api/runners/eth_ema/pause", withAntiforgery: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var runner = await sut.JsonAsync("/api/runners/eth_ema");
        Assert.NotEqual("RUNNER_HEALTH_PAUSED", runner.GetProperty("runner").GetProperty("health").GetString());
    }

    [Fact]
    public async Task Action_ForgedAntiforgery_Returns400()
    {
        using var sut = new DashboardHttp(Run.Address);
        await sut.LoginToAsync(Run.Token);
        using var other = new DashboardHttp(Run.Address);
        await other.LoginToAsync(Run.Token);

        // Another session's token: valid somewhere, but not with this session's anti-forgery cookie.
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/runners/eth_ema/pause");
        request.Headers.Add("X-Hive-Antiforgery", other.Antiforgery + "x");
        using var response = await sut.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
