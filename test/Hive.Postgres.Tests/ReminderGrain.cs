using Orleans;
using Orleans.Runtime;

namespace Hive.Postgres.Tests;

/// <summary>Registers and removes reminders; they never fire within a test (the shortest period is a minute).</summary>
public sealed class ReminderGrain : Grain, IReminderGrain, IRemindable
{
    public Task RegisterAsync(string name) => this.RegisterOrUpdateReminder(name, TimeSpan.FromHours(1), TimeSpan.FromHours(1));

    public async Task UnregisterAsync(string name)
    {
        var reminder = await this.GetReminder(name) ?? throw new InvalidOperationException($"No reminder {name}.");
        await this.UnregisterReminder(reminder);
    }

    public async Task<string[]> NamesAsync() => [.. (await this.GetReminders()).Select(r => r.ReminderName).Order(StringComparer.Ordinal)];

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}
