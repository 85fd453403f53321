using Spectre.Console;

namespace Hive.Commands;

/// <summary>The console the commands write to: Spectre's on a terminal, plain text when standard output is piped.</summary>
internal static class CliConsole
{
    /// <summary>
    /// Piped output gets no ANSI codes whatever TERM or the colour variables say (Spectre would otherwise trust
    /// TERM), and is wide enough that summary lines and table rows are not wrapped.
    /// </summary>
    public static IAnsiConsole Default()
    {
        if (!Console.IsOutputRedirected)
        {
            return AnsiConsole.Console;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        console.Profile.Width = 200;
        return console;
    }
}
