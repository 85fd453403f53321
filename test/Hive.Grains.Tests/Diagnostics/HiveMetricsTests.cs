using System.Diagnostics.Metrics;
using Hive.Grains.Diagnostics;

namespace Hive.Grains.Tests.Diagnostics;

public sealed class HiveMetricsTests
{
    [Fact]
    public void RunnersGauge_TrackedActivations_CountedByState()
    {
        var idle = new object();
        var inPosition = new object();
        var other = new object();
        // States of this test's own: runner grains of other tests in this process are counted by the same gauge.
        var idleState = "idle-" + Guid.NewGuid().ToString("N");
        var inPositionState = "in_position-" + Guid.NewGuid().ToString("N");
        var sut = Observe("hive.runners");
        HiveMetrics.TrackRunner(idle, () => idleState);
        HiveMetrics.TrackRunner(inPosition, () => inPositionState);
        HiveMetrics.TrackRunner(other, () => idleState);
        try
        {
            var seen = sut.Collect();

            Assert.Equal(2, seen.GetValueOrDefault(idleState));
            Assert.Equal(1, seen.GetValueOrDefault(inPositionState));
            HiveMetrics.UntrackRunner(other);
            Assert.Equal(1, sut.Collect().GetValueOrDefault(idleState));
        }
        finally
        {
            HiveMetrics.UntrackRunner(idle);
            HiveMetrics.UntrackRunner(inPosition);
            HiveMetrics.UntrackRunner(other);
            sut.Dispose();
        }
    }

    [Fact]
    public void SubscribersGauge_HubsOfOneStream_Summed()
    {
        var first = new object();
        var second = new object();
        var sut = Observe("hive.stream.subscribers");
        HiveMetrics.SetSubscribers(first, "market/TESTSUM", 3);
        HiveMetrics.SetSubscribers(second, "market/TESTSUM", 2);
        try
        {
            Assert.Equal(5, sut.Collect().GetValueOrDefault("market/TESTSUM"));
            HiveMetrics.RemoveSubscribers(first);
            Assert.Equal(2, sut.Collect().GetValueOrDefault("market/TESTSUM"));
        }
        finally
        {
            HiveMetrics.RemoveSubscribers(first);
            HiveMetrics.RemoveSubscribers(second);
            sut.Dispose();
        }
    }

    private static GaugeReader Observe(string instrument) => new(instrument);

    private sealed class GaugeReader : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);

        public GaugeReader(string instrument)
        {
            _listener.InstrumentPublished = (i, l) =>
            {
                if (i.Meter.Name == HiveMetrics.MeterName && i.Name == instrument)
                {
                    l.EnableMeasurementEvents(i);
                }
            };
            _listener.SetMeasurementEventCallback<int>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    _seen[(string)tag.Value!] = _seen.GetValueOrDefault((string)tag.Value!) + value;
                }
            });
            _listener.Start();
        }

        public Dictionary<string, int> Collect()
        {
            _seen.Clear();
            _listener.RecordObservableInstruments();
            return new Dictionary<string, int>(_seen, StringComparer.Ordinal);
        }

        public void Dispose() => _listener.Dispose();
    }
}
