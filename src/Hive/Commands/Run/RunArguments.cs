namespace Hive.Commands.Run;

/// <summary>The parsed command line of <c>hive run</c>.</summary>
internal sealed record RunArguments(
    string RunnersFile,
    string? DataFolder,
    double Speed,
    string DataDirectory,
    TimeSpan? Duration,
    string Account,
    IReadOnlyList<string>? RemoveRunners = null,
    string? Postgres = null);
