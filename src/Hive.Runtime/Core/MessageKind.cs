namespace Hive.Runtime.Core;

/// <summary>Kinds of silo-to-silo messages (the <c>k</c> field of the envelope).</summary>
internal enum MessageKind
{
    Request = 1,
    OneWay = 2,
    Response = 3,
    Error = 4,
    StreamBatch = 5,
}
