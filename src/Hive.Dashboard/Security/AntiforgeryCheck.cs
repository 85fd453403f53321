using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Hive.Dashboard.Security;

/// <summary>
/// The anti-forgery check of the dashboard's control actions: a browser session (the cookie) must send the request
/// token in the <see cref="DashboardAuth.AntiforgeryHeader"/> header or the <see cref="DashboardAuth.AntiforgeryField"/>
/// form field, else the action is refused with 400. A request authenticated by its Authorization header needs none:
/// a browser never adds that header to a forged cross-site request.
/// </summary>
internal sealed class AntiforgeryCheck : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.Identity?.AuthenticationType != DashboardAuth.BearerScheme && !await IsValidAsync(http).ConfigureAwait(false))
        {
            return Results.Problem(
                "The anti-forgery token is missing or invalid: reload the page (the token is in its <meta name=\"hive-antiforgery\">) and send it in the X-Hive-Antiforgery header.",
                statusCode: StatusCodes.Status400BadRequest, title: "Anti-forgery check failed");
        }

        return await next(context).ConfigureAwait(false);
    }

    public static async Task<bool> IsValidAsync(HttpContext http)
    {
        try
        {
            await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http).ConfigureAwait(false);
            return true;
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
    }
}
