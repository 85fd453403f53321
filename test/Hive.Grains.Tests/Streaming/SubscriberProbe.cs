namespace Hive.Grains.Tests.Streaming;

/// <summary>
/// What one test subscriber grain saw, kept outside the grain so that it survives deactivation and silo kills (all
/// silos of the test cluster run in this process), and how the grain behaves (failing, gated, batch observer).
/// </summary>
internal sealed class SubscriberProbe
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SubscriberProbe> Probes = new();

    private readonly Lock _gate = new();
    private readonly List<int> _received = [];
    private readonly List<int> _batchSizes = [];
    private readonly HashSet<Guid> _activations = [];
    private int _resumes;
    private int _activationFailures;
    private int _completions;
    private Exception? _error;

    public static SubscriberProbe For(string grainKey) => Probes.GetOrAdd(grainKey, static _ => new SubscriberProbe());

    /// <summary>Makes the observer throw on every event.</summary>
    public bool Fail { get; set; }

    /// <summary>Makes the observer resume with a batch observer after reactivation.</summary>
    public bool UseBatchObserver { get; set; }

    /// <summary>Makes the grain subscribe again (instead of resuming its handle) in OnSubscribed.</summary>
    public bool SubscribeAgainOnResume { get; set; }

    /// <summary>When set, the observer records each event and then waits for this task before completing.</summary>
    public TaskCompletionSource? Hold { get; set; }

    public int Resumes => Volatile.Read(ref _resumes);

    /// <summary>How many of the next activations fail (OnActivateAsync throws).</summary>
    public int ActivationFailures
    {
        get => Volatile.Read(ref _activationFailures);
        set => Volatile.Write(ref _activationFailures, value);
    }

    /// <summary>Counts one activation failure down; true when this activation must fail.</summary>
    public bool TakeActivationFailure()
    {
        var current = Volatile.Read(ref _activationFailures);
        while (current > 0)
        {
            var seen = Interlocked.CompareExchange(ref _activationFailures, current - 1, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

    public int[] Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    public int[] BatchSizes
    {
        get
        {
            lock (_gate)
            {
                return [.. _batchSizes];
            }
        }
    }

    public int Activations
    {
        get
        {
            lock (_gate)
            {
                return _activations.Count;
            }
        }
    }

    public void Activated(Guid activation)
    {
        lock (_gate)
        {
            _activations.Add(activation);
        }
    }

    public int Completions => Volatile.Read(ref _completions);

    public Exception? Error => Volatile.Read(ref _error);

    public void Resumed() => Interlocked.Increment(ref _resumes);

    public void Completed() => Interlocked.Increment(ref _completions);

    public void Failed(Exception error) => Volatile.Write(ref _error, error);

    public void Record(int sequence)
    {
        lock (_gate)
        {
            _received.Add(sequence);
        }
    }

    public void RecordBatch(IEnumerable<int> sequences)
    {
        lock (_gate)
        {
            var before = _received.Count;
            _received.AddRange(sequences);
            _batchSizes.Add(_received.Count - before);
        }
    }
}
