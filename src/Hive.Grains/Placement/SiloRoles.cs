namespace Hive.Grains.Placement;

/// <summary>
/// The silo metadata Hive places by (<c>UseSiloMetadata</c>): the key <see cref="RoleKey"/> holds the role, and each
/// tag is a key of its own (<c>low_latency</c> → <c>true</c>, <c>region=eu</c> → <c>region</c> = <c>eu</c>).
/// </summary>
public static class SiloRoles
{
    /// <summary>The metadata key of a silo's role.</summary>
    public const string RoleKey = "role";

    /// <summary>Silos that trade: runners, market feeds, gateways.</summary>
    public const string Live = "live";

    /// <summary>Silos that keep historical data in memory and run backtests.</summary>
    public const string Data = "data";

    /// <summary>Silos for the registry and other orchestration grains.</summary>
    public const string Control = "control";

    /// <summary>Whether <paramref name="role"/> is one of the three roles.</summary>
    public static bool IsKnown(string? role) => role is Live or Data or Control;

    /// <summary>
    /// The metadata of a silo with <paramref name="role"/> and <paramref name="tags"/> (<c>KEY</c> or <c>KEY=VALUE</c>);
    /// throws <see cref="ArgumentException"/> naming a bad role or tag.
    /// </summary>
    public static Dictionary<string, string> Metadata(string role, IEnumerable<string> tags)
    {
        if (!IsKnown(role))
        {
            throw new ArgumentException($"unknown silo role '{role}'; expected {Live}, {Data} or {Control}");
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { [RoleKey] = role };
        foreach (var tag in tags)
        {
            var eq = tag.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? tag : tag[..eq];
            if (string.IsNullOrWhiteSpace(key) || string.Equals(key, RoleKey, StringComparison.Ordinal))
            {
                throw new ArgumentException($"bad silo tag '{tag}': expected KEY or KEY=VALUE with a key other than '{RoleKey}'");
            }

            metadata[key] = eq < 0 ? "true" : tag[(eq + 1)..];
        }

        return metadata;
    }
}
