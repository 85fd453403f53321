using Hive.Runtime.Hosting;
using Hive.Runtime.Tests.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hive.Runtime.Tests;

public sealed class HostingTests
{
    [Fact]
    public async Task UseHive_HostStarted_ServesGrainCallsAndStopsGracefully()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseHive(silo => silo.Configure("hosted", "control").AddMemoryGrainStorage().AddGrainAssembly(typeof(ProfileGrain).Assembly));
        using var host = builder.Build();

        await host.StartAsync();
        var factory = host.Services.GetRequiredService<IGrainFactory>();
        var key = "hosted-" + Guid.NewGuid();
        var value = await factory.GetGrain<IProfileGrain>(key).SiloName().Within();
        await host.StopAsync();

        Assert.Equal("hosted", value);
        Assert.Equal(DeactivationReason.ShuttingDown, ProfileGrain.Deactivations[key]);
    }
}
