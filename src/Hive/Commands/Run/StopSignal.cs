using System.Runtime.InteropServices;

namespace Hive.Commands.Run;

/// <summary>
/// Why and when <c>hive run</c> stops: Ctrl-C (the command's cancellation), SIGTERM, or the end of <c>--duration</c>.
/// The first request drains; a second Ctrl-C or SIGTERM while draining exits at once.
/// </summary>
internal sealed class StopSignal : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<IDisposable> _registrations = [];
    private readonly Action _forceExit;
    private readonly TimeSpan? _duration;
    private readonly TimeProvider _time;
    private int _interrupts;
    private int _terminations;
    private int _stopped;

    public StopSignal(CancellationToken commandToken, TimeSpan? duration, TimeProvider time, Action forceExit)
    {
        _forceExit = forceExit;
        _registrations.Add(commandToken.Register(static s => ((StopSignal)s!).Drain("interrupted (Ctrl-C)"), this));
        Console.CancelKeyPress += OnCancelKeyPress;
        try
        {
            _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                Interrupt(ref _terminations, "terminated (SIGTERM)");
            }));
        }
        catch (PlatformNotSupportedException)
        {
            // No SIGTERM on this platform: Ctrl-C and --duration still stop the run.
        }

        _duration = duration;
        _time = time;
    }

    /// <summary>Starts counting <c>--duration</c> (once the feeds run, so that start-up does not eat into it).</summary>
    public void StartDuration()
    {
        if (_duration is { } d)
        {
            _registrations.Add(_time.CreateTimer(static s => ((StopSignal)s!).Drain("duration reached"), this, d, Timeout.InfiniteTimeSpan));
        }
    }

    /// <summary>Cancelled when the run should drain.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>Why the run stopped, once it did.</summary>
    public string? Reason { get; private set; }

    /// <summary>Asks the run to drain; later requests do nothing.</summary>
    public void Drain(string reason)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            Reason = reason;
            _stop.Cancel();
        }
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        Interrupt(ref _interrupts, "interrupted (Ctrl-C)");
    }

    private void Interrupt(ref int count, string reason)
    {
        if (Interlocked.Increment(ref count) > 1)
        {
            _forceExit();
            return;
        }

        Drain(reason);
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _stop.Dispose();
    }
}
