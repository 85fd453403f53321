using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Hive.Dashboard.Security;

/// <summary>Names and checks shared by the login, the bearer scheme and the authorization policy.</summary>
internal static class DashboardAuth
{
    /// <summary>The scheme every protected endpoint authenticates with: the bearer scheme when a request carries an Authorization header, the cookie otherwise.</summary>
    public const string Scheme = "HiveDashboard";
    public const string CookieScheme = "HiveDashboardCookie";
    public const string BearerScheme = "HiveDashboardBearer";
    public const string Policy = "HiveDashboard";
    public const string CookieName = "hive-session";
    public const string AntiforgeryCookieName = "hive-antiforgery";
    public const string AntiforgeryHeader = "X-Hive-Antiforgery";
    public const string AntiforgeryField = "__hive_antiforgery";
    public const string OperatorName = "operator";

    /// <summary>Whether <paramref name="candidate"/> is the token, in time that does not depend on where they differ (or on their lengths).</summary>
    public static bool TokenMatches(string? expected, string? candidate)
    {
        if (string.IsNullOrEmpty(expected) || string.IsNullOrEmpty(candidate))
        {
            return false;
        }

        // Hashes have one length, so the comparison's time says nothing about the token's length either.
        Span<byte> a = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> b = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(expected), a);
        SHA256.HashData(Encoding.UTF8.GetBytes(candidate), b);
        return CryptographicOperations.FixedTimeEquals(a, b);
    }

    /// <summary>The operator's identity under <paramref name="scheme"/>.</summary>
    public static ClaimsPrincipal Operator(string scheme) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, OperatorName)], scheme, ClaimTypes.Name, ClaimTypes.Role));

    /// <summary>Paths whose unauthenticated requests get 401 rather than a redirect to the login page (scripts, streams, scrapers).</summary>
    public static bool IsMachinePath(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/events") || path.StartsWithSegments("/metrics")
        || (path.StartsWithSegments("/dashboard", out var rest) && rest.HasValue && rest != "/" && rest != "/index.html");
}
