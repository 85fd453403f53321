namespace Hive.Runtime.Tests.Grains;

internal sealed class ProfileState
{
    public string? Name { get; set; }

    public int Writes { get; set; }
}
