namespace Hive.Api.Services;

/// <summary>An operator's action on a runner (<see cref="HiveQueries.ActAsync"/>).</summary>
internal enum RunnerAction
{
    Pause,
    Resume,
    Restart,
    Reload,
}
