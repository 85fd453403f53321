using System.Diagnostics;
using static Hive.Lua.Native.LuaApi;

namespace Hive.Lua;

/// <summary>
/// The watchdog of every Lua VM in the process: one background thread (not a thread-pool timer, so that it still runs
/// when every pool thread is busy in a script) looks at the VMs that are inside a call, every
/// <see cref="LookInterval"/> at most. A call it finds running gets the instruction-budget count hook (unless the VM
/// counts every call from its first instruction, <see cref="LuaStrategyOptions.ExactInstructionBudget"/>), and a call
/// still running past its wall-clock limit gets a hook that ends it. Lua runs a hook before its next instruction, on the
/// VM's own thread, and the hook raises the error that ends the call. Setting a hook from another thread is the one
/// thing the Lua C API allows asynchronously (<c>lua_sethook</c>, which Lua's interpreter checks at every back jump
/// and call so that a signal can break a loop). A VM pays a few writes and one compare-exchange per call; it never
/// reads the clock: the watchdog notes when it first saw each call.
/// </summary>
/// <remarks>
/// Why the budget is armed from here: stock Lua 5.4 traps every instruction into its hook dispatcher as soon as a
/// count hook is set, whatever the count, which costs a fifth to a quarter of a short strategy call (measured: 1.5 M
/// against 2.0 M bars per second). A step is a few hundred instructions, far shorter than one look interval, so almost
/// every step runs without the hook; a step that is still running when the watchdog looks gets the whole budget from
/// then on.
/// </remarks>
internal static class LuaWatchdog
{
    private static readonly object Gate = new();
    private static readonly List<Slot> Slots = [];
    private static Thread? _thread;
    private static long _tickMilliseconds = LookMilliseconds;

    /// <summary>
    /// Longest time between two looks: a running call gets the budget hook within this time of its start (so a
    /// call may run this long plus its instruction budget), and a call past its limit ends within it (or within a
    /// quarter of the limit, when that is shorter).
    /// </summary>
    public static readonly TimeSpan LookInterval = TimeSpan.FromMilliseconds(LookMilliseconds);

    private const int LookMilliseconds = 10;

    /// <summary>
    /// Watches a VM until <see cref="Remove"/>. A call found running gets <paramref name="budgetHook"/> with
    /// <paramref name="budget"/> instructions when that hook is not zero; a call running past <paramref name="limit"/>
    /// gets <paramref name="timeoutHook"/>.
    /// </summary>
    public static Slot Add(IntPtr l, IntPtr timeoutHook, TimeSpan limit, IntPtr budgetHook, int budget)
    {
        var slot = new Slot(l, timeoutHook, (long)(limit.TotalSeconds * Stopwatch.Frequency), budgetHook, budget);
        lock (Gate)
        {
            Slots.Add(slot);
            _tickMilliseconds = Math.Min(_tickMilliseconds, Math.Max((long)limit.TotalMilliseconds / 4, 1));
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
        private const int Stopping = 3;

        private readonly IntPtr _l;
        private readonly IntPtr _hook;
        private readonly long _limitTicks;
        private readonly IntPtr _budgetHook;
        private readonly int _budget;
        private int _state;
        private long _callId;
        private long _seenCallId = -1;
        private long _seenAt;

        public Slot(IntPtr l, IntPtr hook, long limitTicks, IntPtr budgetHook, int budget)
        {
            _l = l;
            _hook = hook;
            _limitTicks = limitTicks;
            _budgetHook = budgetHook;
            _budget = budget;
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
            while (true)
            {
                var state = Interlocked.CompareExchange(ref _state, Idle, Running);
                if (state != Firing)
                {
                    Volatile.Write(ref _state, Idle);
                    return;
                }

                spin.SpinOnce();
            }
        }

        /// <summary>
        /// Called by the VM's thread before it sets the hook that raises an error: from then until <see cref="Leave"/>
        /// the watchdog sets no hook on this VM, so it cannot replace that error hook with the budget's.
        /// </summary>
        public void Stop()
        {
            var spin = default(SpinWait);
            while (Interlocked.CompareExchange(ref _state, Stopping, Running) == Firing)
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
            var first = id != _seenCallId;
            if (first)
            {
                _seenCallId = id;
                _seenAt = now;
                if (_budgetHook == IntPtr.Zero)
                {
                    return;
                }
            }
            else if (now - _seenAt < _limitTicks)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _state, Firing, Running) != Running)
            {
                return;
            }

            if (Volatile.Read(ref _callId) == id)
            {
                // First sight of a call: the budget counts from here. Past the limit: the call ends.
                if (first)
                {
                    lua_sethook(_l, _budgetHook, MaskCount, _budget);
                }
                else
                {
                    lua_sethook(_l, _hook, MaskCount, 1);
                }
            }

            Volatile.Write(ref _state, Running);
        }
    }
}
