using Hive.Grains.Runners;

namespace Hive.Commands.Run;

/// <summary>What one <c>hive run</c> did: the runners it resumed (as they were when resumed), those it added, and the final view.</summary>
internal sealed record RunOutcome(
    IReadOnlyList<RunnerStatus> Resumed,
    IReadOnlyList<string> Added,
    RunSnapshot Final,
    string StopReason,
    string DataDirectory);
