using Orleans.Configuration;

namespace Hive.Grains.Hosting;

/// <summary>
/// Hive's failure detection: the Orleans membership settings that decide how fast a silo that stopped answering is
/// declared dead, so that its runners are activated on another live silo and trade again. Orleans' defaults are tuned
/// for large clusters that must never evict a slow silo (a killed silo was declared dead after 12–19 s here); a trading
/// cluster is small and would rather move a runner than leave it blind, and fencing makes a wrong verdict safe (the
/// silo declared dead stops itself, its runners' old deployments are fenced). Measured on the 2-core dev machine:
/// kill -9 of a live silo → its runners filling orders on another silo in test/Hive.Benchmarks/Cluster/RESULTS.md.
/// Applied by <see cref="HivePlatformExtensions.AddHivePlatform"/>; configuration section <c>Hive:Membership</c> in
/// <c>hive silo</c>.
/// </summary>
public sealed class HiveFailureDetectionOptions
{
    /// <summary>
    /// Timeout of one liveness probe (Orleans 5 s). 1 s is hundreds of times a probe's round trip on a LAN yet short
    /// enough that two missed probes fit in the failover budget; Orleans still adapts the effective timeout between
    /// half and four times this value per silo, and stretches it while the prober itself is degraded.
    /// </summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Missed probes before a silo suspects another (Orleans 3). Two: one lost packet never evicts a silo.</summary>
    public int NumMissedProbesLimit { get; set; } = 2;

    /// <summary>
    /// Suspicions needed to declare a silo dead (Orleans 2). One: in a cluster of a few silos a second voter adds a
    /// probe round to every failover, while Orleans' indirect probes (another silo probes the suspect before the vote)
    /// and its connection-liveness check already keep a single slow prober from evicting a healthy silo.
    /// </summary>
    public int NumVotesForDeathDeclaration { get; set; } = 1;

    /// <summary>
    /// How often each silo reads the membership table (Orleans 60 s). 2 s bounds how long a silo that missed the news
    /// (gossip lost, or it was paused) takes to learn that it or another silo is dead; it is one small query per silo.
    /// </summary>
    public TimeSpan TableRefreshTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a suspicion counts (Orleans 2 min). 10 s: suspicions from an old incident must not add up with a new
    /// one into an eviction, yet must outlive a few probe rounds.
    /// </summary>
    public TimeSpan DeathVoteExpirationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often a silo writes its heartbeat to the table (Orleans 30 s). 5 s lets a silo that starts find stale
    /// entries of silos that died while nobody probed them within 15 s (three missed heartbeats) instead of 90 s.
    /// </summary>
    public TimeSpan IAmAliveTablePublishTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a starting silo tries to join before giving up (Orleans 5 min). 1 min: a silo that cannot join
    /// should fail visibly (and be restarted by its supervisor) rather than hang.
    /// </summary>
    public TimeSpan MaxJoinAttemptTime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The shortest timeout Orleans may adapt a probe down to (Orleans: half of <see cref="ProbeTimeout"/>). Equal to
    /// <see cref="ProbeTimeout"/>: on a loaded machine healthy silos answered probes in 0.7 s, and a half-second timeout
    /// would count those as misses.
    /// </summary>
    public TimeSpan MinProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Copies these settings onto Orleans' options.</summary>
    public void ApplyTo(ClusterMembershipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate();
        options.ProbeTimeout = ProbeTimeout;
        options.NumMissedProbesLimit = NumMissedProbesLimit;
        options.NumVotesForDeathDeclaration = NumVotesForDeathDeclaration;
        options.TableRefreshTimeout = TableRefreshTimeout;
        options.DeathVoteExpirationTimeout = DeathVoteExpirationTimeout;
        options.IAmAliveTablePublishTimeout = IAmAliveTablePublishTimeout;
        options.MaxJoinAttemptTime = MaxJoinAttemptTime;
        options.MinProbeTimeout = MinProbeTimeout;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that is out of range.</summary>
    public void Validate()
    {
        Positive(ProbeTimeout, nameof(ProbeTimeout));
        Positive(TableRefreshTimeout, nameof(TableRefreshTimeout));
        Positive(DeathVoteExpirationTimeout, nameof(DeathVoteExpirationTimeout));
        Positive(IAmAliveTablePublishTimeout, nameof(IAmAliveTablePublishTimeout));
        Positive(MaxJoinAttemptTime, nameof(MaxJoinAttemptTime));
        Positive(MinProbeTimeout, nameof(MinProbeTimeout));
        if (MinProbeTimeout > ProbeTimeout)
        {
            throw new ArgumentException($"Membership option {nameof(MinProbeTimeout)} ({MinProbeTimeout}) must not exceed {nameof(ProbeTimeout)} ({ProbeTimeout}).");
        }

        if (NumMissedProbesLimit < 1)
        {
            throw new ArgumentException($"Membership option {nameof(NumMissedProbesLimit)} must be at least 1, got {NumMissedProbesLimit}.");
        }

        if (NumVotesForDeathDeclaration < 1)
        {
            throw new ArgumentException($"Membership option {nameof(NumVotesForDeathDeclaration)} must be at least 1, got {NumVotesForDeathDeclaration}.");
        }

        if (DeathVoteExpirationTimeout <= ProbeTimeout * NumMissedProbesLimit)
        {
            throw new ArgumentException(
                $"Membership option {nameof(DeathVoteExpirationTimeout)} ({DeathVoteExpirationTimeout}) must be longer than {nameof(ProbeTimeout)} x {nameof(NumMissedProbesLimit)} ({ProbeTimeout * NumMissedProbesLimit}), or votes expire before they count.");
        }
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Membership option {name} must be positive, got {value}.");
        }
    }
}
