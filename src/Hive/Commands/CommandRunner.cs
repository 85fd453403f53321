using System.CommandLine;
using Spectre.Console;

namespace Hive.Commands;

/// <summary>
/// Runs the parsed command line and turns failures into one clear line on stderr and an exit code, never a stack
/// trace: <see cref="CliException"/> and input errors (<see cref="FormatException"/>, <see cref="IOException"/>,
/// <see cref="ArgumentException"/>, <see cref="InvalidDataException"/>) are the user's to fix; anything else is a bug
/// and says so.
/// </summary>
internal static class CommandRunner
{
    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        try
        {
            var parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                // One line naming the first problem, not the whole help: the user asked for something specific.
                var names = new List<string>();
                for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
                {
                    names.Insert(0, result.Command == root ? "hive" : result.Command.Name);
                }

                WriteError($"{parse.Errors[0].Message} (see {string.Join(' ', names)} --help)");
                return ExitCodes.BadInput;
            }

            // Ctrl-C and SIGTERM are handled here and by hive run's drain; System.CommandLine's own termination
            // handling would be a second party to the same signals.
            return await parse.InvokeAsync(
                new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null }, cancellation.Token);
        }
        catch (Exception) when (cancellation.IsCancellationRequested)
        {
            // After Ctrl-C any failure is the tear-down of what was interrupted, not a bug to report.
            WriteError("cancelled");
            return ExitCodes.Cancelled;
        }
        catch (CliException ex)
        {
            WriteError(ex.Message);
            return ex.ExitCode;
        }
        catch (Exception ex) when (ex is FormatException or IOException or ArgumentException or InvalidDataException or UnauthorizedAccessException)
        {
            WriteError(ex.Message);
            return ExitCodes.BadInput;
        }
        catch (Exception ex)
        {
            WriteError($"internal error ({ex.GetType().Name}): {ex.Message}. This is a bug in Hive; please report it with the command line.");
            return ExitCodes.InternalError;
        }
    }

    /// <summary>
    /// Writes <c>error: message</c> to stderr as one line: coloured on a terminal, plain text (never wrapped) when
    /// stderr is redirected, so that scripts and tests can read it whole.
    /// </summary>
    public static void WriteError(string message)
    {
        if (Console.IsErrorRedirected)
        {
            Console.Error.WriteLine("error: " + message.ReplaceLineEndings(" "));
            return;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        console.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");
    }
}
