-- EMA crossover.
-- Idle: when the fast EMA moves to the other side of the slow EMA compared with the last regime seen while idle,
-- signal an opportunity (up: long; down: short when short=true). The first regime after the EMAs become ready is only
-- recorded, so the strategy never enters in the middle of a trend it did not see start.
-- Analyzing: on the next bar, enter if the cross still holds, otherwise cancel.
-- In position: remember the regime of every bar (so that a cross back on the bar after an exit is seen); exit on the
-- opposite cross, which opens the other side on the next bar when that side is traded.
-- Parameters: fast (12), slow (26), quantity (runner default when absent), stop and take (distance of the
-- stop-loss / take-profit in % of the entry bar's close, optional), short (false).
-- It behaves exactly like the compiled ema-cross strategy with the same parameters.

local fast = params.fast or 12
local slow = params.slow or 26
local quantity = params.quantity
local stop = params.stop
local take = params.take
local allow_short = params.short == true

if math.type(fast) ~= "integer" or math.type(slow) ~= "integer" or fast < 1 or fast >= slow then
  error("parameters 'fast' and 'slow' must be periods with fast < slow, got fast=" .. tostring(fast) .. ", slow=" .. tostring(slow))
end

local function regime(indicators)
  local f, s = indicators.ema(fast), indicators.ema(slow)
  if f == nil or s == nil then return 0 end
  if f > s then return 1 elseif f < s then return -1 end
  return 0
end

local function below(price, pct) return pct and price * (1 - pct / 100) or nil end
local function above(price, pct) return pct and price * (1 + pct / 100) or nil end

function detect_opportunity(market_data, context, indicators)
  local r = regime(indicators)
  local reverse = context.reverse_regime or 0
  if reverse ~= 0 then context.reverse_regime = nil end
  if r == 0 then return nil end
  if reverse ~= 0 and r == reverse then
    context.idle_regime = r
    if r > 0 then
      return { direction = 1, reason = "fast EMA crossed above slow EMA" }
    end
    return { direction = -1, reason = "fast EMA crossed below slow EMA" }
  end
  local last = context.idle_regime or 0
  if last == 0 then
    context.idle_regime = r
    return nil
  end
  if r == last then return nil end
  context.idle_regime = r
  if r > 0 then
    return { direction = 1, reason = "fast EMA crossed above slow EMA" }
  elseif allow_short then
    return { direction = -1, reason = "fast EMA crossed below slow EMA" }
  end
  return nil
end

function filter_commitment(market_data, context, indicators)
  local r = regime(indicators)
  local direction = context.direction or 0
  context.direction = 0
  local close = market_data.close
  if direction > 0 and r > 0 then
    return { action = "enter_long", quantity = quantity, stop_loss = below(close, stop),
             take_profit = above(close, take), reason = "cross confirmed" }
  elseif direction < 0 and r < 0 then
    return { action = "enter_short", quantity = quantity, stop_loss = above(close, stop),
             take_profit = below(close, take), reason = "cross confirmed" }
  end
  context.idle_regime = r
  return { action = "cancel_analysis", reason = "cross reverted" }
end

function manage_position(market_data, context, indicators)
  local r = regime(indicators)
  local side = context.position.side
  -- The remembered regime follows the market while in position, so that after an exit a cross back on the next bar
  -- is a new cross, not the regime of the entry.
  if r ~= 0 and r ~= context.idle_regime then context.idle_regime = r end
  if (side == "long" and r < 0) or (side == "short" and r > 0) then
    -- the cross that ends this position opens the other side on the next bar when that side is traded
    if r > 0 or allow_short then context.reverse_regime = r end
    return { action = "exit", reason = "opposite cross" }
  end
  return nil
end
