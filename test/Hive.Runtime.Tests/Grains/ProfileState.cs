namespace Hive.Runtime.Tests.Grains;

public sealed class ProfileState
{
    public string? Name { get; set; }

    public int Writes { get; set; }
}
