using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Hive.Dashboard.Tests.Http;

/// <summary>A browser-like HTTP client of the dashboard: its own cookies, redirects not followed, the anti-forgery token of the last page.</summary>
internal sealed partial class DashboardHttp : IDisposable
{
    private readonly HttpClient _http;

    public DashboardHttp(Uri address)
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = Cookies, UseCookies = true })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public CookieContainer Cookies { get; }

    /// <summary>The anti-forgery request token of the last page or login form read.</summary>
    public string Antiforgery { get; private set; } = string.Empty;

    public HttpClient Client => _http;

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    /// <summary>Reads a page and keeps its anti-forgery token.</summary>
    public async Task<string> PageAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var token = MetaToken().Match(html) is { Success: true } meta ? meta.Groups[1].Value : FieldToken().Match(html).Groups[1].Value;
        Antiforgery = WebUtility.HtmlDecode(token);
        return html;
    }

    /// <summary>Posts the login form with <paramref name="token"/> (and the form's anti-forgery field unless told not to).</summary>
    public async Task<HttpResponseMessage> LoginAsync(string token, bool withAntiforgery = true)
    {
        await PageAsync("/login");
        var fields = new Dictionary<string, string> { ["token"] = token };
        if (withAntiforgery)
        {
            fields["__hive_antiforgery"] = Antiforgery;
        }

        return await _http.PostAsync("/login", new FormUrlEncodedContent(fields));
    }

    /// <summary>Logs in and reads <paramref name="page"/> for its anti-forgery token.</summary>
    public async Task LoginToAsync(string token, string page = "/runners")
    {
        using var login = await LoginAsync(token);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        await PageAsync(page);
    }

    /// <summary>A control action as the page's script sends it (the token in the X-Hive-Antiforgery header unless told not to).</summary>
    public Task<HttpResponseMessage> PostAsync(string path, object? body = null, bool withAntiforgery = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(JsonSerializer.Serialize(body ?? new { }), Encoding.UTF8, "application/json"),
        };
        if (withAntiforgery)
        {
            request.Headers.Add("X-Hive-Antiforgery", Antiforgery);
        }

        return _http.SendAsync(request);
    }

    public async Task<JsonElement> JsonAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public void UseBearer(string token) => _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("<meta name=\"hive-antiforgery\" content=\"([^\"]*)\"")]
    private static partial Regex MetaToken();

    [GeneratedRegex("name=\"__hive_antiforgery\" value=\"([^\"]*)\"")]
    private static partial Regex FieldToken();
}
