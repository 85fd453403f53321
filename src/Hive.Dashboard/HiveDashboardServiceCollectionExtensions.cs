using Hive.Api.Services;
using Hive.Dashboard.Live;
using Hive.Dashboard.Pages;
using Hive.Dashboard.Security;
using Hive.Dashboard.Views;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using Orleans.Hosting;

namespace Hive.Dashboard;

/// <summary>Registers Hive's dashboard: its pages, JSON, live streams and the authentication in front of them.</summary>
public static class HiveDashboardServiceCollectionExtensions
{
    /// <summary>
    /// Adds the dashboard's services: cookie login with the token (and <c>Authorization: Bearer TOKEN</c> for scripts),
    /// anti-forgery for its control actions, and the live views. Needs an <see cref="Orleans.IGrainFactory"/> in the
    /// container (a silo's or a client's); an <c>ISiloMetadataCache</c> when present gives the silos' roles and tags.
    /// Orleans' dashboard must be registered as well: on the silo in the same host
    /// (<see cref="HiveDashboardSiloBuilderExtensions.AddHiveOrleansDashboard"/>), or with
    /// <see cref="AddOrleansDashboardViews"/> when the silos run in other hosts. Map with
    /// <see cref="HiveDashboardEndpointRouteBuilderExtensions.MapHiveDashboard"/>.
    /// </summary>
    public static IServiceCollection AddHiveDashboard(this IServiceCollection services, Action<HiveDashboardOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<HiveDashboardOptions>()
            .Configure(configure)
            .Validate(static o => !string.IsNullOrWhiteSpace(o.Token), "The Hive dashboard needs a token (the API's): it does not serve without authentication.")
            .Validate(static o => o.UpdatePeriod >= TimeSpan.FromSeconds(1), "The Hive dashboard's update period must be at least one second.")
            .Validate(static o => o.SessionLifetime > TimeSpan.Zero, "The Hive dashboard's session lifetime must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<HiveQueries>();
        services.TryAddSingleton<EmbeddedAssets>();
        services.TryAddSingleton<BacktestLog>();
        services.TryAddSingleton<DashboardViews>();
        services.TryAddSingleton<LiveHub>();

        services.AddAuthentication(DashboardAuth.Scheme)
            .AddPolicyScheme(DashboardAuth.Scheme, "Hive dashboard", static o => o.ForwardDefaultSelector = static http =>
                http.Request.Headers.Authorization.Count > 0 ? DashboardAuth.BearerScheme : DashboardAuth.CookieScheme)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(DashboardAuth.BearerScheme, null)
            .AddCookie(DashboardAuth.CookieScheme);
        services.AddOptions<CookieAuthenticationOptions>(DashboardAuth.CookieScheme).Configure<IOptions<HiveDashboardOptions>>(static (o, dashboard) =>
        {
            o.Cookie.Name = DashboardAuth.CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = dashboard.Value.SessionLifetime;
            o.SlidingExpiration = true;
            o.LoginPath = "/login";
            o.LogoutPath = "/logout";
            o.Events.OnRedirectToLogin = static context =>
            {
                // Scripts, streams, scrapers and Orleans' dashboard's own calls get 401; a person gets the login page.
                if (DashboardAuth.IsMachinePath(context.Request.Path))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                }
                else
                {
                    context.Response.Redirect(context.RedirectUri);
                }

                return Task.CompletedTask;
            };
            o.Events.OnRedirectToAccessDenied = static context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.AddAuthorizationBuilder().AddPolicy(DashboardAuth.Policy, static p => p.AddAuthenticationSchemes(DashboardAuth.Scheme).RequireAuthenticatedUser());
        services.AddAntiforgery(static o =>
        {
            o.HeaderName = DashboardAuth.AntiforgeryHeader;
            o.FormFieldName = DashboardAuth.AntiforgeryField;
            o.Cookie.Name = DashboardAuth.AntiforgeryCookieName;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
        });
        return services;
    }

    /// <summary>
    /// Adds what the endpoints of Orleans' dashboard need in a host without a silo inside (<c>hive run</c>'s web host
    /// beside its embedded silos): they ask the silos' dashboard grains through the container's
    /// <see cref="Orleans.IGrainFactory"/>. The silos need <see cref="HiveDashboardSiloBuilderExtensions.AddHiveOrleansDashboard"/>.
    /// </summary>
    public static IServiceCollection AddOrleansDashboardViews(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        new ServicesOnlyClientBuilder(services).AddDashboard(HiveDashboardSiloBuilderExtensions.ConfigureOrleansDashboard);
        return services;
    }

    // Orleans registers its dashboard's web side on a client builder; this host has the services but no client.
    private sealed class ServicesOnlyClientBuilder(IServiceCollection services) : IClientBuilder
    {
        public IServiceCollection Services { get; } = services;

        public IConfiguration Configuration { get; } = new ConfigurationBuilder().Build();
    }
}
