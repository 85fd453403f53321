namespace Hive.Lua;

/// <summary>
/// Lua code run in every VM before the user's script: it removes what the sandbox does not offer and makes touching it
/// a clear error, routes <c>print</c> to the host and seeds <c>math.random</c> so that backtests repeat.
/// </summary>
internal static class LuaPrelude
{
    /// <summary>Names a script may not use; reading one is an error that names it.</summary>
    public const string ForbiddenList = "os, io, require, load, loadfile, dofile, debug, package, collectgarbage, rawset, coroutine, utf8";

    public const string Source = """
        local log, market_data, context, indicators = ...
        local error, tostring, select, concat = error, tostring, select, table.concat
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
        -- The host calls every step through this function: one native call fills market_data and runs the step.
        -- indicators.high / indicators.low are numbers (the window's highest high and lowest low), as in the seed contract.
        local function call_step(step, timestamp, open, high, low, close, volume, bid, ask, bid_qty, ask_qty, mid_price, window_high, window_low)
          local m = market_data
          indicators.high = window_high
          indicators.low = window_low
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
        return call_step
        """;
}
