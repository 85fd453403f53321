namespace Hive.Lua;

/// <summary>What went wrong in a Lua strategy.</summary>
public enum LuaErrorKind : byte
{
    /// <summary>The script file could not be read.</summary>
    Unreadable,

    /// <summary>The script does not compile; the line is known.</summary>
    Syntax,

    /// <summary>One of <c>detect_opportunity</c>, <c>filter_commitment</c>, <c>manage_position</c> is missing or not a function.</summary>
    MissingFunction,

    /// <summary>The script raised an error while running (for example comparing nil with a number).</summary>
    Runtime,

    /// <summary>The script called something the sandbox does not offer (<c>os</c>, <c>io</c>, <c>require</c>, ...).</summary>
    Forbidden,

    /// <summary>The call ran more Lua instructions than its budget allows (an endless loop).</summary>
    InstructionBudget,

    /// <summary>The VM needed more memory than its cap allows (a memory bomb).</summary>
    MemoryLimit,

    /// <summary>The step returned an action name that does not exist or is not legal in that step.</summary>
    UnknownAction,

    /// <summary>The step returned an action whose fields are missing, of the wrong type or out of range.</summary>
    InvalidAction,

    /// <summary>The script stored something in <c>context</c> that the context cannot hold, or wrote <c>context.position</c>.</summary>
    InvalidContextValue,

    /// <summary>An indicator was asked for with bad arguments, or the host failed while serving the script.</summary>
    InvalidArgument,

    /// <summary>The call ran longer than its wall-clock limit and the watchdog interrupted it.</summary>
    Timeout,

    /// <summary>The script made the host keep more than the runner's quota allows (indicator instances or periods, context keys or sizes).</summary>
    HostQuota,
}
