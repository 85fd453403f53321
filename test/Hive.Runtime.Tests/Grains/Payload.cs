namespace Hive.Runtime.Tests.Grains;

/// <summary>
/// A type the source generator accepts but that fails at run time: mode <see cref="ThrowOnWrite"/> makes the getter
/// throw (serialization fails), mode <see cref="ThrowOnRead"/> makes the setter throw (deserialization fails).
/// </summary>
internal sealed class Payload
{
    public const string ThrowOnWrite = "throw-on-write";
    public const string ThrowOnRead = "throw-on-read";

    private string _mode = "ok";

    public string Mode
    {
        get => _mode == ThrowOnWrite ? throw new PayloadException("Payload refuses to be written") : _mode;
        set => _mode = value == ThrowOnRead ? throw new PayloadException("Payload refuses to be read") : value;
    }

    public static Payload Create(string mode) => new() { _mode = mode };
}
