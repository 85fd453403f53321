using System.CommandLine;
using Hive.Commands;
using Hive.Commands.Run;
using Hive.Grains.Hosting;
using Hive.Trading.Strategies;
using Spectre.Console;

namespace Hive.Testing;

/// <summary>
/// <c>hive run ARGS</c> in the test process, through the command as the executable runs it, with what it prints
/// captured (for test projects that set <c>HiveTestRun</c>). Disposing it stops the run as Ctrl-C does and waits for
/// the drain.
/// </summary>
internal sealed class InProcessHiveRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _output = new();
    private readonly Task<int> _run;

    /// <summary>Starts <c>hive run</c> with <paramref name="args"/> (without the leading <c>run</c>).</summary>
    public InProcessHiveRun(IReadOnlyList<string> args)
    {
        HivePlatformExtensions.EnsureLuaStrategies();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(new SynchronizedWriter(_output)),
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 500;
        var root = new RootCommand();
        root.Subcommands.Add(RunCommand.Create(console, StrategyCatalog.Default, completed: o => Outcome = o));
        string[] all = ["run", .. args];
        _run = Task.Run(() => root.Parse(all).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, _stop.Token));
    }

    /// <summary>What the run printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The run's outcome once it ended.</summary>
    public RunOutcome? Outcome { get; private set; }

    public bool IsCompleted => _run.IsCompleted;

    /// <summary>
    /// Waits until the run writes <paramref name="file"/> (it writes its endpoint files once it is set up); fails with
    /// what the run printed when it ends first or <paramref name="deadline"/> passes.
    /// </summary>
    public async Task WaitForFileAsync(string file, TimeSpan deadline)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!File.Exists(file))
        {
            if (_run.IsCompleted)
            {
                await _run;
                throw new InvalidOperationException($"hive run ended before writing {file}: {Output}");
            }

            if (TimeProvider.System.GetElapsedTime(started) > deadline)
            {
                throw new TimeoutException($"hive run did not write {file} within {deadline}: {Output}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Stops the run as Ctrl-C does and returns its exit code once it drained.</summary>
    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await _run.WaitAsync(TimeSpan.FromMinutes(2));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_run.IsCompleted)
        {
            try
            {
                await StopAsync();
            }
            catch (Exception ex) when (ex is TimeoutException or CliException or OperationCanceledException)
            {
                // The test already failed or asserted what it needed; the run's own failure is not this one's.
            }
        }

        _stop.Dispose();
    }

    private sealed class SynchronizedWriter(StringWriter inner) : TextWriter
    {
        public override System.Text.Encoding Encoding => inner.Encoding;

        public override void Write(char value)
        {
            lock (inner)
            {
                inner.Write(value);
            }
        }

        public override void Write(string? value)
        {
            lock (inner)
            {
                inner.Write(value);
            }
        }
    }
}
