using Grpc.Core;
using Hive.Api.V1;
using Hive.Trading.Backtesting.Sweeps;

namespace Hive.Api.Services;

/// <summary>
/// One sweep accepted by this API server: its progress (points done, only ever rising although the grains' reports
/// arrive from several threads), and once it ends its report, or why it failed (with the status code the failure maps
/// to), or that it was cancelled.
/// </summary>
internal sealed class RunningSweep(string id, int totalPoints, CancellationTokenSource cancel)
{
    private readonly Lock _lock = new();
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _done;
    private SweepState _state = SweepState.Running;
    private string _error = string.Empty;
    private StatusCode _errorCode;
    private SweepReport? _report;

    public string Id { get; } = id;

    public int TotalPoints { get; } = totalPoints;

    /// <summary>Cancelled by <c>CancelSweep</c> or when the server stops.</summary>
    public CancellationTokenSource Cancel { get; } = cancel;

    /// <summary>Completes when the sweep ends, whichever way.</summary>
    public Task Ended => _ended.Task;

    /// <summary>When it ended, for the registry's retention.</summary>
    public DateTimeOffset? EndedAt { get; private set; }

    public void Progress(int done)
    {
        var seen = Volatile.Read(ref _done);
        while (seen < done)
        {
            var previous = Interlocked.CompareExchange(ref _done, done, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    public void Complete(SweepReport report, DateTimeOffset now) => End(SweepState.Completed, string.Empty, StatusCode.OK, report, now);

    public void Fail(Status status, DateTimeOffset now) => End(SweepState.Failed, status.Detail, status.StatusCode, null, now);

    public void Cancelled(string reason, DateTimeOffset now) => End(SweepState.Cancelled, reason, StatusCode.FailedPrecondition, null, now);

    public SweepProgress Snapshot()
    {
        lock (_lock)
        {
            return new SweepProgress { Id = Id, State = _state, PointsDone = Volatile.Read(ref _done), TotalPoints = TotalPoints, Error = _error };
        }
    }

    /// <summary>The report of the completed sweep; otherwise an <see cref="RpcException"/> saying where it is.</summary>
    public SweepReport Report()
    {
        lock (_lock)
        {
            return _state switch
            {
                SweepState.Completed => _report!,
                SweepState.Running => throw new RpcException(new Status(StatusCode.FailedPrecondition,
                    $"sweep '{Id}' is still running ({Volatile.Read(ref _done)} of {TotalPoints} points); watch it until it completes")),
                SweepState.Cancelled => throw new RpcException(new Status(StatusCode.FailedPrecondition, $"sweep '{Id}' was cancelled: {_error}")),
                _ => throw new RpcException(new Status(
                    _errorCode is StatusCode.InvalidArgument or StatusCode.Unavailable ? _errorCode : StatusCode.FailedPrecondition, $"sweep '{Id}' failed: {_error}")),
            };
        }
    }

    private void End(SweepState state, string error, StatusCode code, SweepReport? report, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (_state != SweepState.Running)
            {
                return;
            }

            (_state, _error, _errorCode, _report, EndedAt) = (state, error, code, report, now);
            if (report is not null)
            {
                Volatile.Write(ref _done, report.Ranked.Count);
            }
        }

        _ended.TrySetResult();
    }
}
