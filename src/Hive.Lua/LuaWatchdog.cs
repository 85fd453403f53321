using System.Diagnostics;
using static Hive.Lua.Native.LuaApi;

namespace Hive.Lua;

/// <summary>
/// The wall-clock watchdog of every Lua VM in the process: one background thread (not a thread-pool timer, so that it
/// still runs when every pool thread is busy in a script) looks at the VMs that are inside a call and, when one has
/// been in the same call longer than its limit, sets a count hook on that VM. Lua runs the hook before its next
/// instruction, on the VM's own thread, and the hook raises the error that ends the call. Setting a hook from another
/// thread is the one thing the Lua C API allows asynchronously (<c>lua_sethook</c>). A VM pays two writes and one
/// compare-exchange per call; it never reads the clock: the watchdog notes when it first saw each call.
/// </summary>
internal static class LuaWatchdog
{
    private static readonly object Gate = new();
    private static readonly List<Slot> Slots = [];
    private static Thread? _thread;
    private static long _tickMilliseconds = 25;

    /// <summary>Watches a VM until <see cref="Remove"/>; its hook is <paramref name="hook"/>, set when a call runs past <paramref name="limit"/>.</summary>
    public static Slot Add(IntPtr l, IntPtr hook, TimeSpan limit)
    {
        var slot = new Slot(l, hook, (long)(limit.TotalSeconds * Stopwatch.Frequency));
        lock (Gate)
        {
            Slots.Add(slot);
            // Check often enough that a call ends within about a quarter of its limit past it.
            _tickMilliseconds = Math.Min(_tickMilliseconds, Math.Clamp((long)limit.TotalMilliseconds / 4, 1, 25));
            if (_thread is null)
            {
                _thread = new Thread(Run) { IsBackground = true, Name = "Hive Lua watchdog" };
                _thread.Start();
            }

            Monitor.PulseAll(Gate);
        }

        return slot;
    }

    /// <summary>Stops watching a VM; after it returns the watchdog never touches that VM's state again.</summary>
    public static void Remove(Slot slot)
    {
        lock (Gate)
        {
            Slots.Remove(slot);
        }
    }

    private static void Run()
    {
        while (true)
        {
            lock (Gate)
            {
                while (Slots.Count == 0)
                {
                    Monitor.Wait(Gate);
                }

                var now = Stopwatch.GetTimestamp();
                foreach (var slot in Slots)
                {
                    slot.Check(now);
                }
            }

            Thread.Sleep((int)Interlocked.Read(ref _tickMilliseconds));
        }
    }

    /// <summary>One watched VM: written by the VM's thread on entering and leaving a call, read by the watchdog.</summary>
    internal sealed class Slot
    {
        private const int Idle = 0;
        private const int Running = 1;
        private const int Firing = 2;

        private readonly IntPtr _l;
        private readonly IntPtr _hook;
        private readonly long _limitTicks;
        private int _state;
        private long _callId;
        private long _seenCallId = -1;
        private long _seenAt;

        public Slot(IntPtr l, IntPtr hook, long limitTicks)
        {
            _l = l;
            _hook = hook;
            _limitTicks = limitTicks;
        }

        /// <summary>Called by the VM's thread after it set its own hook for the call.</summary>
        public void Enter()
        {
            _callId++;
            Volatile.Write(ref _state, Running);
        }

        /// <summary>Called by the VM's thread when the call returned, before it clears its hook.</summary>
        public void Leave()
        {
            // The watchdog may be setting the hook this very moment; wait for it so that it cannot set a hook on the next call.
            var spin = default(SpinWait);
            while (Interlocked.CompareExchange(ref _state, Idle, Running) == Firing)
            {
                spin.SpinOnce();
            }
        }

        internal void Check(long now)
        {
            if (Volatile.Read(ref _state) != Running)
            {
                return;
            }

            var id = Volatile.Read(ref _callId);
            if (id != _seenCallId)
            {
                _seenCallId = id;
                _seenAt = now;
                return;
            }

            if (now - _seenAt < _limitTicks || Interlocked.CompareExchange(ref _state, Firing, Running) != Running)
            {
                return;
            }

            if (Volatile.Read(ref _callId) == id)
            {
                lua_sethook(_l, _hook, MaskCount, 1);
            }

            Volatile.Write(ref _state, Running);
        }
    }
}
