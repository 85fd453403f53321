using Hive.Dashboard.Security;
using Hive.Dashboard.Views;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hive.Dashboard.Live;

/// <summary>
/// <c>/events/…</c>: server-sent events, one stream per view, each message an <c>update</c> event whose data is
/// <c>{"time":ms,"data":VIEW}</c> (or <c>{"time":ms,"error":"…"}</c>); a comment every 15 s keeps proxies from
/// closing a quiet stream.
/// </summary>
internal static class EventEndpoints
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var events = endpoints.MapGroup("/events").RequireAuthorization(DashboardAuth.Policy);
        events.MapGet("/overview", static (HttpContext http, DashboardViews v) => StreamAsync(http, "overview", () => _ => Some(v.OverviewAsync())));
        events.MapGet("/runners", static (HttpContext http, DashboardViews v) => StreamAsync(http, "runners", () => _ => Some(v.RunnersAsync())));
        events.MapGet("/feeds", static (HttpContext http, DashboardViews v) => StreamAsync(http, "feeds", () => _ => Some(v.FeedsAsync())));
        events.MapGet("/gateway", static (HttpContext http, DashboardViews v) => StreamAsync(http, "gateway", () => _ => Some(v.GatewayAsync())));
        events.MapGet("/backtests", static (HttpContext http, DashboardViews v) => StreamAsync(http, "backtests", () => _ => Some(v.BacktestsAsync())));
        events.MapGet("/backtests/{id}", static (string id, HttpContext http, DashboardViews v) => StreamAsync(http, $"backtest:{id}", () => _ => Some(v.BacktestAsync(id))));
        events.MapGet("/runners/{id}", static (string id, HttpContext http, DashboardViews v) => StreamAsync(http, $"runner:{id}", () =>
        {
            // Each update carries the chart since the previous one; a client loads the whole chart from /api first.
            ChartCursor? cursor = null;
            return async _ =>
            {
                var (json, next) = await v.RunnerAsync(id, cursor).ConfigureAwait(false);
                cursor = next;
                return json;
            };
        }));
    }

    private static async Task<string?> Some(Task<string> view) => await view.ConfigureAwait(false);

    private static async Task StreamAsync(HttpContext http, string key, Func<LiveCompute> start)
    {
        var hub = http.RequestServices.GetRequiredService<LiveHub>();
        var stopping = http.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        await http.Response.WriteAsync("retry: 2000\n\n", cancel.Token).ConfigureAwait(false);
        await http.Response.Body.FlushAsync(cancel.Token).ConfigureAwait(false);

        using var subscription = hub.Subscribe(key, start);
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancel.Token);
                wait.CancelAfter(Heartbeat);
                string text;
                try
                {
                    var message = await subscription.Messages.ReadAsync(wait.Token).ConfigureAwait(false);
                    text = $"event: update\ndata: {message}\n\n";
                }
                catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
                {
                    text = ": keep-alive\n\n";
                }

                await http.Response.WriteAsync(text, cancel.Token).ConfigureAwait(false);
                await http.Response.Body.FlushAsync(cancel.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
        }
        catch (System.Threading.Channels.ChannelClosedException)
        {
        }
    }
}
