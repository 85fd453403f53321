using Hive.Dashboard.Live;
using Hive.Dashboard.Pages;
using Hive.Dashboard.Security;
using Hive.Dashboard.Views;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Orleans.Dashboard;

namespace Hive.Dashboard;

/// <summary>Maps Hive's dashboard and Orleans' beside it.</summary>
public static class HiveDashboardEndpointRouteBuilderExtensions
{
    /// <summary>The path of Orleans' dashboard.</summary>
    public const string OrleansDashboardPath = "/dashboard";

    /// <summary>
    /// Maps <c>/login</c> and <c>/logout</c>, the pages (<c>/</c>, <c>/runners</c>, <c>/runners/{id}</c>, <c>/feeds</c>,
    /// <c>/gateway</c>, <c>/backtests</c>, <c>/backtests/{id}</c>), their JSON under <c>/api</c>, their live streams
    /// under <c>/events</c>, and Orleans' dashboard at <c>/dashboard</c>. Everything but the login page and its
    /// styles needs the session cookie or <c>Authorization: Bearer TOKEN</c>; a page without it redirects to the login,
    /// anything else answers 401. Needs <see cref="HiveDashboardServiceCollectionExtensions.AddHiveDashboard"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapHiveDashboard(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        PageEndpoints.Map(endpoints);
        ApiEndpoints.Map(endpoints);
        EventEndpoints.Map(endpoints);
        endpoints.MapOrleansDashboard(routePrefix: OrleansDashboardPath).RequireAuthorization(DashboardAuth.Policy);
        return endpoints;
    }

    /// <summary>
    /// Puts <paramref name="builder"/>'s endpoints (e.g. <c>/metrics</c>) behind the dashboard's login: the session
    /// cookie or <c>Authorization: Bearer TOKEN</c>, else 401.
    /// </summary>
    public static TBuilder RequireHiveDashboardLogin<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.RequireAuthorization(DashboardAuth.Policy);
    }
}
