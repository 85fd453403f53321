using Hive.Trading.Strategies;
using static Hive.Lua.Native.LuaApi;

namespace Hive.Lua;

/// <summary>Reading and validating the table a step returns.</summary>
internal sealed unsafe partial class LuaVm
{
    private const string DetectValid = "nil, or an opportunity table (no 'action' field, or action = \"opportunity\")";
    private const string FilterValid = "enter_long, enter_short, cancel_analysis (or nil to keep analysing)";
    private const string ManageValid = "exit, update_stop_loss, update_take_profit (or nil to hold)";

    private const int FieldPrice = 1;
    private const int FieldQuantity = 2;
    private const int FieldStopLoss = 4;
    private const int FieldTakeProfit = 8;
    private const int FieldReason = 16;

    /// <summary>
    /// Largest price, quantity, stop-loss or take-profit an action may carry, and the smallest: beyond them the runner's
    /// decimal money math (notional = price × quantity, up to 7.9e28) could overflow or round to zero.
    /// </summary>
    internal const double MaxActionNumber = 1e12;

    internal const double MinActionNumber = 1e-12;

    /// <summary>Reads the step's result at the top of the stack (raw access only: no metamethod runs outside the protected call).</summary>
    private StrategyAction ReadAction(IntPtr l, int step)
    {
        var result = lua_gettop(l);
        var type = lua_type(l, result);
        if (type == TypeNil)
        {
            return StrategyAction.None;
        }

        var stepName = StepNames[step];
        if (type != TypeTable)
        {
            throw new LuaScriptException(_script, stepName, LuaErrorKind.InvalidAction, $"must return nil or an action table, got {TypeName(type)}");
        }

        PushKey(l, "action"u8);
        var actionType = lua_rawget(l, result);
        if (step == Detect && (actionType == TypeNil || (actionType == TypeString && ToBytes(l, -1).SequenceEqual("opportunity"u8))))
        {
            Pop(l, 1);
            return ReadOpportunity(l, result, stepName);
        }

        if (actionType != TypeString)
        {
            throw new LuaScriptException(
                _script,
                stepName,
                LuaErrorKind.InvalidAction,
                actionType == TypeNil
                    ? $"the returned table has no 'action' field; valid actions in {stepName}: {ValidFor(step)}"
                    : $"field 'action' must be a string, got {TypeName(actionType)}",
                field: "action");
        }

        var name = ToBytes(l, -1);
        StrategyActionKind kind;
        int allowed;
        int required = 0;
        if (name.SequenceEqual("enter_long"u8))
        {
            kind = StrategyActionKind.EnterLong;
            allowed = FieldPrice | FieldQuantity | FieldStopLoss | FieldTakeProfit | FieldReason;
        }
        else if (name.SequenceEqual("enter_short"u8))
        {
            kind = StrategyActionKind.EnterShort;
            allowed = FieldPrice | FieldQuantity | FieldStopLoss | FieldTakeProfit | FieldReason;
        }
        else if (name.SequenceEqual("cancel_analysis"u8))
        {
            kind = StrategyActionKind.CancelAnalysis;
            allowed = FieldReason;
        }
        else if (name.SequenceEqual("exit"u8))
        {
            kind = StrategyActionKind.Exit;
            allowed = FieldPrice | FieldReason;
        }
        else if (name.SequenceEqual("update_stop_loss"u8))
        {
            kind = StrategyActionKind.UpdateStopLoss;
            allowed = FieldPrice | FieldReason;
            required = FieldPrice;
        }
        else if (name.SequenceEqual("update_take_profit"u8))
        {
            kind = StrategyActionKind.UpdateTakeProfit;
            allowed = FieldPrice | FieldReason;
            required = FieldPrice;
        }
        else
        {
            var unknown = ToText(l, -1, 64);
            var known = unknown == "opportunity" ? $"action 'opportunity' is not valid in {stepName}" : $"unknown action '{unknown}'";
            throw new LuaScriptException(_script, stepName, LuaErrorKind.UnknownAction, $"{known}; valid actions in {stepName}: {ValidFor(step)}", field: "action");
        }

        var legal = step switch
        {
            Filter => kind is StrategyActionKind.EnterLong or StrategyActionKind.EnterShort or StrategyActionKind.CancelAnalysis,
            Manage => kind is StrategyActionKind.Exit or StrategyActionKind.UpdateStopLoss or StrategyActionKind.UpdateTakeProfit,
            _ => false,
        };
        var actionName = KeyString(l, -1);
        if (!legal)
        {
            throw new LuaScriptException(
                _script,
                stepName,
                LuaErrorKind.UnknownAction,
                $"action '{actionName}' is not valid in {stepName}; valid actions in {stepName}: {ValidFor(step)}",
                field: "action");
        }

        Pop(l, 1);
        double? price = null, quantity = null, stopLoss = null, takeProfit = null;
        string? reason = null;
        var present = 0;
        lua_pushnil(l);
        while (lua_next(l, result) != 0)
        {
            if (lua_type(l, -2) != TypeString)
            {
                throw new LuaScriptException(_script, stepName, LuaErrorKind.InvalidAction, $"action '{actionName}' has a field with a {TypeName(lua_type(l, -2))} key; fields are named");
            }

            var key = ToBytes(l, -2);
            int field;
            if (key.SequenceEqual("action"u8))
            {
                Pop(l, 1);
                continue;
            }
            else if (key.SequenceEqual("price"u8))
            {
                field = FieldPrice;
            }
            else if (key.SequenceEqual("quantity"u8))
            {
                field = FieldQuantity;
            }
            else if (key.SequenceEqual("stop_loss"u8))
            {
                field = FieldStopLoss;
            }
            else if (key.SequenceEqual("take_profit"u8))
            {
                field = FieldTakeProfit;
            }
            else if (key.SequenceEqual("reason"u8))
            {
                field = FieldReason;
            }
            else
            {
                field = 0;
            }

            if ((field & allowed) == 0)
            {
                var keyName = ToText(l, -2, 64);
                throw new LuaScriptException(
                    _script,
                    stepName,
                    LuaErrorKind.InvalidAction,
                    $"unknown field '{keyName}' in action '{actionName}'; valid fields: {FieldList(allowed)}",
                    field: keyName);
            }

            present |= field;
            if (field == FieldReason)
            {
                reason = lua_type(l, -1) == TypeString
                    ? ReadReason(l, stepName, actionName)
                    : throw FieldError(stepName, actionName, "reason", $"must be a string, got {TypeName(lua_type(l, -1))}");
            }
            else
            {
                var fieldName = FieldList(field);
                var valueType = lua_type(l, -1);
                if (valueType != TypeNumber)
                {
                    throw FieldError(stepName, actionName, fieldName, $"must be a number, got {TypeName(valueType)}");
                }

                var value = lua_tonumberx(l, -1, null);
                if (!double.IsFinite(value) || value < MinActionNumber || value > MaxActionNumber)
                {
                    throw FieldError(
                        stepName,
                        actionName,
                        fieldName,
                        $"must be a finite number from 1e-12 to 1e12, got {value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}");
                }

                switch (field)
                {
                    case FieldPrice:
                        price = value;
                        break;
                    case FieldQuantity:
                        quantity = value;
                        break;
                    case FieldStopLoss:
                        stopLoss = value;
                        break;
                    default:
                        takeProfit = value;
                        break;
                }
            }

            Pop(l, 1);
        }

        if ((required & ~present) != 0)
        {
            throw FieldError(stepName, actionName, FieldList(required & ~present), "is required");
        }

        return new StrategyAction(kind, price, quantity, stopLoss, takeProfit, reason);
    }

    /// <summary>An opportunity: every field but 'action' goes into the context; 'reason' also becomes the action's reason.</summary>
    private StrategyAction ReadOpportunity(IntPtr l, int result, string stepName)
    {
        var context = _context!;
        string? reason = null;
        lua_pushnil(l);
        while (lua_next(l, result) != 0)
        {
            var keyType = lua_type(l, -2);
            if (keyType != TypeString)
            {
                throw new LuaScriptException(
                    _script,
                    stepName,
                    LuaErrorKind.InvalidAction,
                    $"the opportunity table has a field with a {TypeName(keyType)} key; fields stored in the context are named");
            }

            if (ToBytes(l, -2).SequenceEqual("action"u8))
            {
                Pop(l, 1);
                continue;
            }

            if (ContextKeyProblem(l, -2) is { } keyProblem)
            {
                throw new LuaScriptException(_script, stepName, LuaErrorKind.HostQuota, "opportunity field: " + keyProblem);
            }

            var key = KeyString(l, -2);
            var valueType = lua_type(l, -1);
            if (valueType is not (TypeBoolean or TypeNumber or TypeString))
            {
                throw new LuaScriptException(
                    _script,
                    stepName,
                    LuaErrorKind.InvalidAction,
                    $"field '{key}' of the opportunity is a {TypeName(valueType)}; the context stores numbers, integers, strings and booleans",
                    field: key);
            }

            if (StoreContext(l, context, key, lua_gettop(l), opportunity: true) is { } problem)
            {
                throw new LuaScriptException(_script, stepName, problem.Kind == LuaErrorKind.HostQuota ? problem.Kind : LuaErrorKind.InvalidAction, problem.Message, field: key);
            }

            if (key == "reason" && valueType == TypeString)
            {
                reason = context.GetString(key);
            }

            // Keep the VM's copy of the context in step (the key is below the value), so the next call needs no rebuild.
            UpdateContextCopy(l, context, lua_gettop(l) - 1, key);
            Pop(l, 1);
        }

        return StrategyAction.Opportunity(reason);
    }

    /// <summary>The action's reason; the host keeps it in the runner's history, so it is held to the text limit.</summary>
    private string ReadReason(IntPtr l, string stepName, string actionName)
    {
        var length = StringLength(l, -1);
        return length <= _options.MaxTextLength
            ? ToManagedString(l, -1)
            : throw FieldError(stepName, actionName, "reason", $"is {length:N0} bytes long; at most {_options.MaxTextLength:N0}");
    }

    private LuaScriptException FieldError(string stepName, string action, string field, string problem) =>
        new(_script, stepName, LuaErrorKind.InvalidAction, $"field '{field}' of action '{action}' {problem}", field: field);

    private static void PushKey(IntPtr l, ReadOnlySpan<byte> key)
    {
        fixed (byte* p = key)
        {
            lua_pushlstring(l, p, (nuint)key.Length);
        }
    }

    private static string ValidFor(int step) => step switch
    {
        Detect => DetectValid,
        Filter => FilterValid,
        _ => ManageValid,
    };

    private static string FieldList(int fields)
    {
        var names = new List<string>(5);
        if ((fields & FieldPrice) != 0)
        {
            names.Add("price");
        }

        if ((fields & FieldQuantity) != 0)
        {
            names.Add("quantity");
        }

        if ((fields & FieldStopLoss) != 0)
        {
            names.Add("stop_loss");
        }

        if ((fields & FieldTakeProfit) != 0)
        {
            names.Add("take_profit");
        }

        if ((fields & FieldReason) != 0)
        {
            names.Add("reason");
        }

        return string.Join(", ", names);
    }
}
