namespace Hive.Dashboard;

/// <summary>Settings of Hive's dashboard (<see cref="HiveDashboardServiceCollectionExtensions.AddHiveDashboard"/>).</summary>
public sealed class HiveDashboardOptions
{
    /// <summary>
    /// The token operators log in with, and scripts send as <c>Authorization: Bearer TOKEN</c> (the API's token).
    /// Required: the dashboard controls trading and does not serve without authentication.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>How often a live view is computed and sent while someone watches it; at least one second.</summary>
    public TimeSpan UpdatePeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a login lasts without use.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);
}
