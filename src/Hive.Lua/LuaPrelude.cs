namespace Hive.Lua;

/// <summary>
/// Lua code run in every VM before the user's script: it removes what the sandbox does not offer and makes touching it
/// a clear error, routes <c>print</c> to the host, seeds <c>math.random</c> so that backtests repeat, refuses
/// finalizers, and puts a guard in front of every library function whose C loop could outrun the instruction budget.
/// </summary>
/// <remarks>
/// Finalizers and weak tables: a <c>__gc</c> metamethod runs inside Lua's collector with hooks switched off, and
/// weak-keyed tables (ephemerons) let a script make the collector's atomic phase quadratic (seconds to minutes in C,
/// measured), so no budget or watchdog could stop either. <c>setmetatable</c> refuses a metatable with <c>__gc</c> or
/// <c>__mode</c> and seals every table it accepts as a metatable (a protected metatable whose <c>__newindex</c>
/// refuses both keys; <c>rawset</c> is not offered), so they cannot be added later. <c>__close</c> runs as ordinary Lua
/// code inside the call, under the budget and the watchdog, so it stays available. The library guards charge each
/// call's worst case to the host (<c>guard</c>) before the C function runs; <c>table.insert</c> and
/// <c>table.remove</c>, whose C loops trust a length a <c>__len</c> metamethod chooses, are written in Lua here, and
/// <c>table.sort</c> sorts a plain copy of a table that has a metatable.
/// </remarks>
internal static class LuaPrelude
{
    /// <summary>Names a script may not use; reading one is an error that names it.</summary>
    public const string ForbiddenList = "os, io, require, load, loadfile, dofile, debug, package, collectgarbage, rawset, coroutine, utf8";

    /// <summary>
    /// The end of both step-call functions of <see cref="Source"/>, written once here and twice there (a call from one
    /// to the other would cost a Lua call on every bar in position): fills market_data and runs the step.
    /// </summary>
    private const string FillMarketAndRunStep = """
                  local m = market_data
                  if bid == nil then
                    -- a bar without quotes: the host leaves these out (bid and ask are the close, their quantities zero)
                    bid, ask, bid_qty, ask_qty, mid_price = close, close, 0.0, 0.0, close
                  end
                  m.timestamp = timestamp
                  m.open = open
                  m.high = high
                  m.low = low
                  m.close = close
                  m.volume = volume
                  m.bid = bid
                  m.ask = ask
                  m.bid_qty = bid_qty
                  m.ask_qty = ask_qty
                  m.mid_price = mid_price
                  return step(m, context, indicators)
        """;

    public static readonly string Source = $$"""
        local log, market_data, context, indicators, guard, position, context_meta, context_write, max_key_length, indicator_caches, indicators_meta = ...
        local error, tostring, select, concat, type, rawget = error, tostring, select, table.concat, type, rawget
        local getmetatable, raw_setmetatable, to_integer, rawset = getmetatable, setmetatable, math.tointeger, rawset
        local forbidden = {}
        for name in string.gmatch("os io require load loadfile dofile debug package collectgarbage rawset coroutine utf8 loadstring warn setfenv getfenv module", "%S+") do
          forbidden[name] = true
          _G[name] = nil
        end
        string.dump = function()
          error("'string.dump' is not available in the Hive Lua sandbox", 2)
        end
        math.randomseed(0)
        print = function(...)
          local parts = {}
          for i = 1, select("#", ...) do
            parts[i] = tostring((select(i, ...)))
          end
          log(concat(parts, "\t"))
        end

        -- Every table used as a metatable is sealed: it gets a protected metatable of its own whose __newindex refuses
        -- '__gc' and '__mode', so neither can be added after the check below (Lua reads both from the metatable later:
        -- a finalizer runs with hooks off, and weak-keyed tables make the collector's ephemeron pass quadratic, in C).
        local sealed_set = raw_setmetatable({}, { __mode = "k" })
        local sealed = { __metatable = "sealed by the Hive Lua sandbox" }
        sealed.__newindex = function(t, k, v)
          if k == "__gc" or k == "__mode" then
            error("'" .. k .. "' is not available in the Hive Lua sandbox (finalizers and weak tables would run outside the instruction budget)", 2)
          end
          rawset(t, k, v)
        end
        local host_tables = { [market_data] = "market_data", [context] = "context", [indicators] = "indicators", [position] = "context.position" }
        setmetatable = function(t, mt)
          local name = host_tables[t]
          if name then
            error("cannot set the metatable of '" .. name .. "': the host owns it", 2)
          end
          if type(mt) == "table" and not sealed_set[mt] then
            if rawget(mt, "__gc") ~= nil then
              error("'__gc' is not available in the Hive Lua sandbox (a finalizer would run outside the instruction budget)", 2)
            end
            if rawget(mt, "__mode") ~= nil then
              error("'__mode' is not available in the Hive Lua sandbox (weak tables make the collector run outside the instruction budget)", 2)
            end
            if getmetatable(mt) ~= nil then
              error("a table used as a metatable cannot have a metatable of its own in the Hive Lua sandbox (copy the base's fields, or use __index = base)", 2)
            end
            raw_setmetatable(mt, sealed)
            sealed_set[mt] = true
          end
          return raw_setmetatable(t, mt)
        end

        do
          local find, match, gmatch, gsub, rep = string.find, string.match, string.gmatch, string.gsub, string.rep
          string.find = function(s, p, init, plain)
            guard(1, s, p, init, plain)
            return find(s, p, init, plain)
          end
          string.match = function(s, p, init)
            guard(2, s, p, init)
            return match(s, p, init)
          end
          string.gmatch = function(s, p, init)
            guard(3, s, p, init)
            return gmatch(s, p, init)
          end
          string.gsub = function(s, p, repl, n)
            guard(4, s, p, repl, n)
            return gsub(s, p, repl, n)
          end
          string.rep = function(s, n, sep)
            if guard(5, s, n, sep) then
              return ""
            end
            return rep(s, n, sep)
          end
        end

        do
          local unpack, move, sort = table.unpack, table.move, table.sort
          local function last_index(t, j)
            if j == nil then
              local kind = type(t)
              if kind == "table" or kind == "string" then
                return #t
              end
            end
            return j
          end
          table.concat = function(t, sep, i, j)
            i = i or 1
            j = last_index(t, j)
            guard(6, i, j)
            return concat(t, sep, i, j)
          end
          table.unpack = function(t, i, j)
            i = i or 1
            j = last_index(t, j)
            guard(7, i, j)
            return unpack(t, i, j)
          end
          table.move = function(a1, f, e, t, a2)
            guard(8, f, e)
            return move(a1, f, e, t, a2)
          end
          table.sort = function(t, comp)
            if type(t) ~= "table" then
              error("bad argument #1 to 'sort' (table expected, got " .. type(t) .. ")", 2)
            end
            local n = #t
            guard(9, n)
            if getmetatable(t) == nil then
              return sort(t, comp)
            end
            local copy = {}
            for i = 1, n do
              copy[i] = t[i]
            end
            sort(copy, comp)
            for i = 1, n do
              t[i] = copy[i]
            end
          end
          table.insert = function(t, ...)
            if type(t) ~= "table" then
              error("bad argument #1 to 'insert' (table expected, got " .. type(t) .. ")", 2)
            end
            local e = #t + 1
            local count = select("#", ...)
            if count == 1 then
              t[e] = ...
              return
            end
            if count ~= 2 then
              error("wrong number of arguments to 'insert'", 2)
            end
            local pos, value = ...
            pos = to_integer(pos)
            if pos == nil then
              error("bad argument #2 to 'insert' (number has no integer representation)", 2)
            end
            if pos < 1 or pos > e then
              error("bad argument #2 to 'insert' (position out of bounds)", 2)
            end
            for i = e, pos + 1, -1 do
              t[i] = t[i - 1]
            end
            t[pos] = value
          end
          table.remove = function(t, pos)
            if type(t) ~= "table" then
              error("bad argument #1 to 'remove' (table expected, got " .. type(t) .. ")", 2)
            end
            local size = #t
            if pos == nil then
              pos = size
            elseif to_integer(pos) == nil then
              error("bad argument #2 to 'remove' (number has no integer representation)", 2)
            else
              pos = to_integer(pos)
            end
            if pos ~= size and (pos < 1 or pos > size + 1) then
              error("bad argument #2 to 'remove' (position out of bounds)", 2)
            end
            local value = t[pos]
            while pos < size do
              t[pos] = t[pos + 1]
              pos = pos + 1
            end
            t[pos] = nil
            return value
          end
        end

        -- The host calls every step through one of these functions: one native call fills market_data (and, in a
        -- position, context.position: the runner's values are written again on every call, whatever the script did to
        -- the table) and runs the step. indicators.high / indicators.low are numbers (the window's highest high and
        -- lowest low), as in the seed contract, served by the indicators table's __index.
        -- context reads come from the VM's copy of the runner's context (the metatable's __index, kept by the host);
        -- a write goes to the host, which checks it against the quota and updates the copy, unless it would change
        -- nothing: the same value, or nil for a valid key that holds nothing (every write the host would refuse still
        -- reaches it). indicators.high / indicators.low are read from the
        -- host when the script reads them, so that a runner whose script never does keeps no window extremes.
        local math_type = math.type

        -- The single-period indicators answer from the values the host wrote before this call for every period the
        -- script asked for before (false: not ready yet), and ask the host for a new one (which checks the argument and
        -- the quota, and remembers the period). These indicators take one argument, so the wrapper takes one (a vararg
        -- function costs a copy of its frame on every call).
        for name, values in pairs(indicator_caches) do
          local host = indicators[name]
          indicators[name] = function(period)
            local value = values[period]
            if value then
              return value
            elseif value == false then
              return nil
            end
            local result = host(period)
            return result
          end
        end

        indicators_meta.__newindex = function(t, k, v)
          if k == "high" or k == "low" then
            error("indicators." .. k .. " is read-only: the host computes it from the runner's window", 2)
          end
          rawset(t, k, v)
        end
        context_meta.__newindex = function(t, k, v)
          local old = context_meta.__index[k]
          if old == v then
            if old == nil then
              -- the host accepts nil for any string key within the quota's length but 'position'
              if type(k) == "string" and #k <= max_key_length and k ~= "position" then
                return
              end
            elseif math_type(old) == math_type(v) then
              return
            end
          end
          context_write(t, k, v)
        end
        local function call_step(step, timestamp, open, high, low, close, volume, bid, ask, bid_qty, ask_qty, mid_price)
        {{FillMarketAndRunStep}}
        end
        local function call_step_in_position(step, side, entry_price, quantity, stop_loss, take_profit, unrealized_pnl, entry_time,
                                             timestamp, open, high, low, close, volume, bid, ask, bid_qty, ask_qty, mid_price)
          local p = position
          p.side = side
          p.entry_price = entry_price
          p.quantity = quantity
          p.stop_loss = stop_loss
          p.take_profit = take_profit
          p.unrealized_pnl = unrealized_pnl
          p.entry_time = entry_time
          rawset(context, "position", p)
        {{FillMarketAndRunStep}}
        end
        setmetatable(_G, {
          __metatable = false,
          __index = function(_, name)
            if forbidden[name] then
              error("'" .. tostring(name) .. "' is not available in the Hive Lua sandbox (forbidden: os, io, require, load, loadfile, dofile, debug, package, collectgarbage, rawset, coroutine, utf8)", 2)
            end
            return nil
          end,
        })
        return call_step, call_step_in_position
        """;
}
