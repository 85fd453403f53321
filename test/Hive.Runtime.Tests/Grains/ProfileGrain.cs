using System.Collections.Concurrent;
using Hive.Runtime;
using Hive.Runtime.Hosting;
using Hive.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Hive.Runtime.Tests.Grains;

internal sealed class ProfileGrain([PersistentState("profile")] IPersistentState<ProfileState> profile, Silo silo) : Grain, IProfileGrain
{
    public static readonly ConcurrentDictionary<string, int> Activations = new();
    public static readonly ConcurrentDictionary<string, DeactivationReason> Deactivations = new();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Activations.AddOrUpdate(this.GetPrimaryKeyString(), 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Deactivations[this.GetPrimaryKeyString()] = reason;
        return Task.CompletedTask;
    }

    public async Task SetName(string name)
    {
        profile.State.Name = name;
        profile.State.Writes++;
        await profile.WriteStateAsync();
    }

    public Task<string?> GetName() => Task.FromResult(profile.State.Name);

    public Task<string> SiloName() => Task.FromResult(silo.Metadata.Name);
}
