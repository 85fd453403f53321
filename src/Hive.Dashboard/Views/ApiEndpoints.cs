using Grpc.Core;
using Hive.Api.Services;
using Hive.Api.V1;
using Hive.Dashboard.Live;
using Hive.Dashboard.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hive.Dashboard.Views;

/// <summary>
/// <c>/api/…</c>: each view's JSON (what its live stream sends), and the control actions as POSTs with the anti-forgery
/// check. Bad input answers 400 and an unknown runner or backtest 404, with the reason as a problem's detail.
/// </summary>
internal static class ApiEndpoints
{
    private const string JsonType = "application/json; charset=utf-8";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequireAuthorization(DashboardAuth.Policy);
        api.MapGet("/overview", static (DashboardViews views) => JsonAsync(views.OverviewAsync));
        api.MapGet("/runners", static (DashboardViews views) => JsonAsync(views.RunnersAsync));
        api.MapGet("/runners/{id}", static (string id, DashboardViews views) => JsonAsync(async () => (await views.RunnerAsync(id, null).ConfigureAwait(false)).Json));
        api.MapGet("/feeds", static (DashboardViews views) => JsonAsync(views.FeedsAsync));
        api.MapGet("/gateway", static (DashboardViews views) => JsonAsync(views.GatewayAsync));
        api.MapGet("/backtests", static (DashboardViews views) => JsonAsync(views.BacktestsAsync));
        api.MapGet("/backtests/{id}", static (string id, DashboardViews views) => JsonAsync(() => views.BacktestAsync(id)));
        api.MapGet("/live", static (LiveHub hub) => Results.Json(new { topics = hub.ActiveTopics, computations = hub.Computations }));

        var actions = api.MapGroup(string.Empty).AddEndpointFilter<AntiforgeryCheck>();
        actions.MapPost("/runners/{id}/pause", static (string id, HiveQueries q) => ActAsync(() => q.ActAsync(id, RunnerAction.Pause)));
        actions.MapPost("/runners/{id}/resume", static (string id, HiveQueries q) => ActAsync(() => q.ActAsync(id, RunnerAction.Resume)));
        actions.MapPost("/runners/{id}/restart", static (string id, HiveQueries q) => ActAsync(() => q.ActAsync(id, RunnerAction.Restart)));
        actions.MapPost("/runners/{id}/remove", static async (string id, HiveQueries q) =>
        {
            try
            {
                return Results.Json(new { id = await q.RemoveRunnerAsync(id).ConfigureAwait(false), removed = true });
            }
            catch (Exception ex) when (Problem(ex) is { } problem)
            {
                return problem;
            }
        });
        actions.MapPost("/gateway/kill-switch", static (KillSwitchForm form, HiveQueries q) => ActAsync(() => q.SetKillSwitchAsync(
            string.Empty,
            form.Engaged ? KillSwitchLevel.Halted : KillSwitchLevel.Off,
            form.Engaged ? (string.IsNullOrWhiteSpace(form.Reason) ? "engaged from the dashboard" : form.Reason) : string.Empty)));
        actions.MapPost("/backtests", static async (BacktestForm form, HiveQueries q, BacktestLog log) =>
        {
            try
            {
                var request = new SubmitBacktestRequest();
                if (string.IsNullOrWhiteSpace(form.Generate) && string.IsNullOrWhiteSpace(form.Data))
                {
                    return Results.Problem("generate: give generated data as SYMBOL:BARS:SEED (e.g. BTCUSDT:5000:7), or data", statusCode: StatusCodes.Status400BadRequest);
                }

                if (string.IsNullOrWhiteSpace(form.Runner))
                {
                    return Results.Problem("runner: give a runner spec as the CLI's --runner takes it (e.g. bt1:BTCUSDT:ema-cross)", statusCode: StatusCodes.Status400BadRequest);
                }

                AddLines(request.Generate, form.Generate);
                AddLines(request.Data, form.Data);
                AddLines(request.Specs, form.Runner);
                request.InitialEquity = form.InitialEquity ?? string.Empty;
                var id = await q.SubmitBacktestAsync(request).ConfigureAwait(false);
                log.Add(id);
                return Results.Json(new { id });
            }
            catch (Exception ex) when (Problem(ex) is { } problem)
            {
                return problem;
            }
        });
    }

    private static void AddLines(Google.Protobuf.Collections.RepeatedField<string> field, string? text)
    {
        foreach (var line in (text ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            field.Add(line);
        }
    }

    private static async Task<IResult> JsonAsync(Func<Task<string>> view)
    {
        try
        {
            return Results.Text(await view().ConfigureAwait(false), JsonType);
        }
        catch (Exception ex) when (Problem(ex) is { } problem)
        {
            return problem;
        }
    }

    private static async Task<IResult> ActAsync<T>(Func<Task<T>> action)
        where T : Google.Protobuf.IMessage
    {
        try
        {
            var result = await action().ConfigureAwait(false);
            return Results.Text(Google.Protobuf.JsonFormatter.Default.Format(result), JsonType);
        }
        catch (Exception ex) when (Problem(ex) is { } problem)
        {
            return problem;
        }
    }

    /// <summary>
    /// The HTTP answer to a failure, classified as the API classifies it (<c>ApiErrors</c>): bad input 400, unknown
    /// runner or backtest 404, a refused action 409, the cluster not answering 503; <c>null</c> for a bug.
    /// </summary>
    internal static IResult? Problem(Exception ex)
    {
        var status = Hive.Api.Hosting.ApiErrors.ToStatus(ex, CancellationToken.None);
        int? code = status.StatusCode switch
        {
            StatusCode.InvalidArgument => StatusCodes.Status400BadRequest,
            StatusCode.NotFound => StatusCodes.Status404NotFound,
            StatusCode.AlreadyExists or StatusCode.FailedPrecondition => StatusCodes.Status409Conflict,
            StatusCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
            _ => null,
        };
        return code is { } c ? Results.Problem(status.Detail, statusCode: c) : null;
    }
}
