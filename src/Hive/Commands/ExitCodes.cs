namespace Hive.Commands;

/// <summary>Process exit codes of the <c>hive</c> tool.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Bad command line, bad file, bad configuration: the user's to fix.</summary>
    public const int BadInput = 2;

    /// <summary>The work ran and failed (for example a strategy error stopped a production runner).</summary>
    public const int Failed = 3;

    /// <summary>A remote party (exchange, silo) could not be reached or refused.</summary>
    public const int Unavailable = 4;

    /// <summary>The API refused the token (missing or wrong).</summary>
    public const int Unauthenticated = 5;

    /// <summary>A <c>hive silo</c> learnt that the cluster declared it dead and stopped at once.</summary>
    public const int DeclaredDead = 6;

    public const int Cancelled = 130;

    public const int InternalError = 70;
}
