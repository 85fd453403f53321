namespace Hive.Commands;

/// <summary>A failure the user can fix: printed as one line, with an exit code, never with a stack trace.</summary>
internal sealed class CliException(string message, int exitCode = ExitCodes.BadInput) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
