using System.Diagnostics.Metrics;
using Hive.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace Hive.Tests.Deployment;

public sealed class HiveTelemetryTests
{
    [Fact]
    public void AddHiveTelemetry_Default_LeavesOrleansPerMessageInstrumentsDisabledAndTheRestEnabled()
    {
        using var meter = new Meter("Microsoft.Orleans");
        var sent = meter.CreateHistogram<int>("orleans-messaging-sent-messages-size", "bytes");
        var received = meter.CreateHistogram<int>("orleans-messaging-received-messages-size", "bytes");
        var activations = meter.CreateUpDownCounter<int>("orleans-catalog-activations");
        var services = new ServiceCollection().AddHiveTelemetry();
        using var provider = services.BuildServiceProvider();

        using var sut = provider.GetRequiredService<MeterProvider>();

        Assert.False(sent.Enabled);
        Assert.False(received.Enabled);
        Assert.True(activations.Enabled);
    }

    [Fact]
    public void AddHiveTelemetry_OrleansMessageSizesAskedFor_EnablesThem()
    {
        using var meter = new Meter("Microsoft.Orleans");
        var sent = meter.CreateHistogram<int>("orleans-messaging-sent-messages-size", "bytes");
        var services = new ServiceCollection().AddHiveTelemetry(orleansMessageSizes: true);
        using var provider = services.BuildServiceProvider();

        using var sut = provider.GetRequiredService<MeterProvider>();

        Assert.True(sent.Enabled);
    }
}
