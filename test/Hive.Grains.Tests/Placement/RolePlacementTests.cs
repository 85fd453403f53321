using System.Collections.Immutable;
using System.Net;
using Hive.Grains.Placement;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace Hive.Grains.Tests.Placement;

/// <summary>The role filter under Hive's directors, with the metadata cache and membership under the test's control.</summary>
public sealed class RolePlacementTests
{
    private static readonly SiloAddress Control = Silo(1);
    private static readonly SiloAddress Live = Silo(2);
    private static readonly SiloAddress Data = Silo(3);

    private readonly Dictionary<SiloAddress, Dictionary<string, string>> _metadata = [];

    [Fact]
    public async Task CandidatesAsync_MetadataOfAJoiningSiloArrivesLate_WaitsAndPlacesOnIt()
    {
        _metadata[Control] = new() { [SiloRoles.RoleKey] = SiloRoles.Control };
        var lookups = 0;
        var sut = new RolePlacement(silo =>
        {
            // The live silo's metadata reaches the cache only after a few lookups, as after a silo just joined.
            if (silo == Live && Interlocked.Increment(ref lookups) > 3)
            {
                return new Dictionary<string, string> { [SiloRoles.RoleKey] = SiloRoles.Live };
            }

            return _metadata.TryGetValue(silo, out var known) ? known : [];
        }, new Membership(Control, Live), TimeProvider.System);

        var chosen = await sut.CandidatesAsync(SiloRoles.Live, Target(), new Context(Control, Live));

        Assert.Equal([Live], chosen);
        Assert.True(lookups > 3);
    }

    [Fact]
    public async Task CandidatesAsync_NoSiloWithTheRole_FailsNamingTheRequirementAndEveryActiveSilosRole()
    {
        _metadata[Control] = new() { [SiloRoles.RoleKey] = SiloRoles.Control };
        _metadata[Data] = new() { [SiloRoles.RoleKey] = SiloRoles.Data };
        var sut = new RolePlacement(silo => _metadata[silo], new Membership(Control, Data), TimeProvider.System);

        var error = await Assert.ThrowsAsync<PlacementRequirementException>(() => sut.CandidatesAsync(SiloRoles.Live, Target(), new Context(Control, Data)).AsTask());

        Assert.StartsWith("no active silo with role=live for runner/btc_ema; active: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("silo-1 (role=control)", error.Message, StringComparison.Ordinal);
        Assert.Contains("silo-3 (role=data)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CandidatesAsync_PlacementHintOnASiloOfTheRole_IsTheOnlyCandidate()
    {
        var other = Silo(4);
        _metadata[Live] = new() { [SiloRoles.RoleKey] = SiloRoles.Live };
        _metadata[other] = new() { [SiloRoles.RoleKey] = SiloRoles.Live };
        var sut = new RolePlacement(silo => _metadata[silo], new Membership(Live, other), TimeProvider.System);

        var hinted = await sut.CandidatesAsync(SiloRoles.Live, Target(other), new Context(Live, other));
        var free = await sut.CandidatesAsync(SiloRoles.Live, Target(), new Context(Live, other));

        Assert.Equal([other], hinted);
        Assert.Equal([Live, other], free);
    }

    private static SiloAddress Silo(int n) => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11_110 + n), n);

    private static PlacementTarget Target(SiloAddress? hint = null)
    {
        var context = new Dictionary<string, object>();
        if (hint is not null)
        {
            context[IPlacementDirector.PlacementHintKey] = hint;
        }

        return new PlacementTarget(GrainId.Create("runner", "btc_ema"), context, default, 0);
    }

    private sealed class Context(params SiloAddress[] silos) : IPlacementContext
    {
        public SiloAddress LocalSilo => silos[0];

        public SiloStatus LocalSiloStatus => SiloStatus.Active;

        public SiloAddress[] GetCompatibleSilos(PlacementTarget target) => silos;

        public IReadOnlyDictionary<ushort, SiloAddress[]> GetCompatibleSilosWithVersions(PlacementTarget target) =>
            new Dictionary<ushort, SiloAddress[]> { [0] = silos };
    }

    private sealed class Membership(params SiloAddress[] active) : IClusterMembershipService
    {
        public ClusterMembershipSnapshot CurrentSnapshot { get; } = new(
            active.ToImmutableDictionary(s => s, s => new ClusterMember(s, SiloStatus.Active, $"silo-{s.Generation}")),
            new MembershipVersion(1));

        public IAsyncEnumerable<ClusterMembershipSnapshot> MembershipUpdates => throw new NotSupportedException();

        public ValueTask Refresh(MembershipVersion minimumVersion = default, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public Task<bool> TryKill(SiloAddress siloAddress) => Task.FromResult(false);
    }
}
