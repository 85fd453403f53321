namespace Hive.Runtime.Placement;

/// <summary>What a silo must offer to host a grain: a role and/or tags. Errors name the unmet part.</summary>
public sealed record SiloRequirements
{
    /// <summary>No requirement.</summary>
    public static SiloRequirements None { get; } = new();

    /// <summary>The required role, or null for any.</summary>
    public string? Role { get; init; }

    /// <summary>Tags the silo must carry (all of them).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>True when <paramref name="silo"/> satisfies the requirements.</summary>
    public bool IsSatisfiedBy(SiloInfo silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        return (Role is null || string.Equals(silo.Metadata.Role, Role, StringComparison.Ordinal))
            && Tags.All(silo.Metadata.HasTag);
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var parts = new List<string>();
        if (Role is not null)
        {
            parts.Add("role=" + Role);
        }

        parts.AddRange(Tags.Select(t => "tag " + t));
        return parts.Count == 0 ? "(none)" : string.Join(" and ", parts);
    }
}
