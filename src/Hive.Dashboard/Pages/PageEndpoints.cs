using System.Net;
using Hive.Dashboard.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Hive.Dashboard.Pages;

/// <summary>The login and logout, the pages (one shell the browser bundle fills per page) and their assets.</summary>
internal static class PageEndpoints
{
    private static readonly (string Route, string Page, string Title)[] Pages =
    [
        ("/", "overview", "Cluster"),
        ("/runners", "runners", "Runners"),
        ("/runners/{id}", "runner", "Runner"),
        ("/feeds", "feeds", "Feeds"),
        ("/gateway", "gateway", "Gateway"),
        ("/backtests", "backtests", "Backtests"),
        ("/backtests/{id}", "backtest", "Backtest"),
    ];

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/login", static (HttpContext http, EmbeddedAssets assets, IAntiforgery antiforgery) =>
            LoginPage(http, assets, antiforgery, error: null)).AllowAnonymous();
        endpoints.MapPost("/login", LoginAsync).AllowAnonymous();

        // The login page's styles are the only asset served without a session.
        endpoints.MapGet("/assets/app.css", static (HttpContext http, EmbeddedAssets assets) => assets.Serve("app.css", http)).AllowAnonymous();

        endpoints.MapPost("/logout", static async (HttpContext http) =>
        {
            await http.SignOutAsync(DashboardAuth.CookieScheme).ConfigureAwait(false);
            return Results.Redirect("/login");
        }).RequireAuthorization(DashboardAuth.Policy).AddEndpointFilter<AntiforgeryCheck>();

        var pages = endpoints.MapGroup(string.Empty).RequireAuthorization(DashboardAuth.Policy);
        pages.MapGet("/assets/{name}", static (string name, HttpContext http, EmbeddedAssets assets) => assets.Serve(name, http));
        foreach (var (route, page, title) in Pages)
        {
            pages.MapGet(route, (HttpContext http, EmbeddedAssets assets, IAntiforgery antiforgery) =>
            {
                var id = http.Request.RouteValues.TryGetValue("id", out var value) ? value as string ?? string.Empty : string.Empty;
                var tokens = antiforgery.GetAndStoreTokens(http);
                var html = assets.Text("page.html")
                    .Replace("{{title}}", Encode(id.Length > 0 ? $"{title} {id}" : title), StringComparison.Ordinal)
                    .Replace("{{page}}", page, StringComparison.Ordinal)
                    .Replace("{{id}}", Encode(id), StringComparison.Ordinal)
                    .Replace("{{antiforgery}}", Encode(tokens.RequestToken ?? string.Empty), StringComparison.Ordinal);
                NoStore(http);
                return Results.Content(html, "text/html; charset=utf-8");
            });
        }
    }

    private static async Task<IResult> LoginAsync(HttpContext http, EmbeddedAssets assets, IAntiforgery antiforgery, IOptions<HiveDashboardOptions> options)
    {
        if (!http.Request.HasFormContentType)
        {
            return Results.Problem("POST /login takes a form: token and the anti-forgery field of GET /login.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (!await AntiforgeryCheck.IsValidAsync(http).ConfigureAwait(false))
        {
            return Results.Problem("The login form's anti-forgery token is missing or invalid: load /login again.", statusCode: StatusCodes.Status400BadRequest, title: "Anti-forgery check failed");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        if (!DashboardAuth.TokenMatches(options.Value.Token, form["token"].ToString().Trim()))
        {
            return LoginPage(http, assets, antiforgery, "That is not the API token.", StatusCodes.Status401Unauthorized);
        }

        await http.SignInAsync(DashboardAuth.CookieScheme, DashboardAuth.Operator(DashboardAuth.CookieScheme)).ConfigureAwait(false);
        var returnUrl = http.Request.Query["ReturnUrl"].ToString();
        return Results.Redirect(IsLocal(returnUrl) ? returnUrl : "/");
    }

    private static IResult LoginPage(HttpContext http, EmbeddedAssets assets, IAntiforgery antiforgery, string? error, int status = StatusCodes.Status200OK)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var html = assets.Text("login.html")
            .Replace("{{antiforgery}}", Encode(tokens.RequestToken ?? string.Empty), StringComparison.Ordinal)
            .Replace("{{error}}", error is null ? string.Empty : $"<p class=\"error\" role=\"alert\" data-testid=\"login-error\">{Encode(error)}</p>", StringComparison.Ordinal);
        NoStore(http);
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    // A redirect after login goes only to a path of this host, never to another site a crafted link names.
    private static bool IsLocal(string url) =>
        url.Length > 0 && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    private static void NoStore(HttpContext http) => http.Response.Headers.CacheControl = "no-store";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
