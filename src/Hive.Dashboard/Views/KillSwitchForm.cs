namespace Hive.Dashboard.Views;

/// <summary>The body of <c>POST /api/gateway/kill-switch</c>: engage (halt all new orders) or release.</summary>
internal sealed record KillSwitchForm(bool Engaged, string? Reason);
