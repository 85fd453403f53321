using System.Globalization;
using System.Text;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace Hive.Grains.Placement;

/// <summary>
/// What Hive's placement directors share: the compatible silos whose metadata has the required role, waiting a moment
/// for the metadata and the grain types of a silo that has just joined (both lag its membership by tens of
/// milliseconds), and the error naming the requirement and every active silo's role when none qualifies. No silent
/// fallback.
/// </summary>
internal sealed class RolePlacement(
    Func<SiloAddress, IReadOnlyDictionary<string, string>> metadataOf, IClusterMembershipService membership, TimeProvider time)
{
    /// <summary>Reads roles from Orleans' silo metadata cache.</summary>
    public RolePlacement(ISiloMetadataCache metadata, IClusterMembershipService membership, TimeProvider time)
        : this(silo => metadata.GetSiloMetadata(silo).Metadata, membership, time)
    {
    }

    private static readonly TimeSpan MetadataWait = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan MetadataPoll = TimeSpan.FromMilliseconds(20);

    /// <summary>The compatible silos with <paramref name="role"/>, a placement hint among them first if one is set.</summary>
    public async ValueTask<SiloAddress[]> CandidatesAsync(string role, PlacementTarget target, IPlacementContext context)
    {
        var start = time.GetTimestamp();
        while (true)
        {
            // One look at each silo's metadata per round, so that metadata arriving mid-round cannot be missed.
            var compatible = context.GetCompatibleSilos(target);
            var roles = Array.ConvertAll(compatible, RoleOf);
            var matching = compatible.Where((_, i) => roles[i] == role).ToArray();
            if (matching.Length != 0)
            {
                return IPlacementDirector.GetPlacementHint(target.RequestContextData, matching) is { } hint ? [hint] : matching;
            }

            // Wait too while an active silo of the role is missing from the compatible ones: the cluster manifest (which
            // grain types a silo hosts) reaches this silo a moment after the silo turns Active in membership.
            var unknown = Array.IndexOf(roles, null) >= 0 || ActiveWithRoleNotYetCompatible(role, compatible);
            if (!unknown || time.GetElapsedTime(start) > MetadataWait)
            {
                throw new PlacementRequirementException(Describe(role, target));
            }

            await Task.Delay(MetadataPoll, time).ConfigureAwait(false);
        }
    }

    private bool ActiveWithRoleNotYetCompatible(string role, SiloAddress[] compatible)
    {
        foreach (var member in membership.CurrentSnapshot.Members.Values)
        {
            if (member.Status == SiloStatus.Active && Array.IndexOf(compatible, member.SiloAddress) < 0 && RoleOf(member.SiloAddress) == role)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The role in a silo's metadata, or null while its metadata has not reached this silo's cache.</summary>
    public string? RoleOf(SiloAddress silo) =>
        metadataOf(silo).TryGetValue(SiloRoles.RoleKey, out var role) ? role : null;

    private string Describe(string role, PlacementTarget target)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"no active silo with {SiloRoles.RoleKey}={role} for {target.GrainIdentity}; active: ");
        var first = true;
        foreach (var member in membership.CurrentSnapshot.Members.Values)
        {
            if (member.Status != SiloStatus.Active)
            {
                continue;
            }

            text.Append(first ? string.Empty : ", ")
                .Append(CultureInfo.InvariantCulture, $"{member.Name} ({SiloRoles.RoleKey}={RoleOf(member.SiloAddress) ?? "unknown"})");
            first = false;
        }

        return first ? text.Append("none").ToString() : text.ToString();
    }
}
