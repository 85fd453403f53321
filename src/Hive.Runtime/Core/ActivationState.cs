namespace Hive.Runtime.Core;

internal enum ActivationState
{
    Creating,
    Valid,
    Deactivating,
    Invalid,
}
