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
        local log = ...
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
        setmetatable(_G, {
          __metatable = false,
          __index = function(_, name)
            if forbidden[name] then
              error("'" .. tostring(name) .. "' is not available in the Hive Lua sandbox (forbidden: os, io, require, load, loadfile, dofile, debug, package, collectgarbage, rawset, coroutine, utf8)", 2)
            end
            return nil
          end,
        })
        """;
}
