using System.Runtime.InteropServices;
using Hive.Commands;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Hive.Silo;

/// <summary>
/// Orleans calls this when the silo must not go on: most often because the membership table says the cluster declared
/// it dead (it was paused or cut off longer than failure detection allows, and its grains are already active
/// elsewhere). The process ends at once with <see cref="ExitCodes.DeclaredDead"/> (other fatal errors:
/// <see cref="ExitCodes.InternalError"/>): no graceful shutdown, since one would deactivate grains and write state on
/// behalf of activations the cluster has already replaced, and no 2 s pause as in Orleans' default handler.
/// </summary>
internal sealed partial class ExitOnFatalError(ILogger<ExitOnFatalError> logger) : IFatalErrorHandler
{
    private int _exiting;

    public bool IsUnexpected(Exception exception) => true;

    public void OnFatalException(object? sender = null, string? context = null, Exception? exception = null)
    {
        if (Interlocked.Exchange(ref _exiting, 1) != 0)
        {
            return;
        }

        var dead = context?.Contains("dead", StringComparison.OrdinalIgnoreCase) == true;
        var code = dead ? ExitCodes.DeclaredDead : ExitCodes.InternalError;
        var message = dead
            ? $"this silo was declared dead by the cluster and stops at once: {context}"
            : $"fatal error in {sender?.GetType().Name ?? "the silo"}: {context} {exception?.Message}";
        logger.LogCritical(exception, "{Message}", message);
        CommandRunner.WriteError(message);
        Console.Error.Flush();
        Console.Out.Flush();
        Exit(code);
    }

    private static void Exit(int code)
    {
        if (OperatingSystem.IsWindows())
        {
            Environment.FailFast($"hive silo: fatal error, exit code {code}");
        }

        // _exit: no exit handlers, no host shutdown; the process is gone before any other thread acts.
        ExitNow(code);
    }

    [DllImport("libc", EntryPoint = "_exit")]
    private static extern void ExitNow(int status);
}
