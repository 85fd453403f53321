using System.Runtime.InteropServices;

namespace Hive.Lua.Native;

/// <summary>
/// Book-keeping of one VM's allocator, in native memory so that the allocator callback reaches it through Lua's
/// user-data pointer without touching a managed object.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct AllocState
{
    /// <summary>Bytes the VM holds now.</summary>
    public long Used;

    /// <summary>The cap; allocations that would pass it fail while Lua code runs.</summary>
    public long Limit;

    /// <summary>Highest <see cref="Used"/> seen.</summary>
    public long Peak;

    /// <summary>
    /// Non-zero while the host (C#) is working on the VM. Host work is never capped: a memory error raised by Lua
    /// there would unwind through managed frames, which the runtime does not allow.
    /// </summary>
    public int HostDepth;

    /// <summary>Set when an allocation was refused for the cap.</summary>
    public int Refused;
}
