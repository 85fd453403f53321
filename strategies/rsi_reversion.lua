-- RSI mean reversion.
-- Idle: RSI below 'oversold' signals a long opportunity (above 'overbought' a short one when short=true).
-- Analyzing: enter once RSI turns back above 'oversold' (below 'overbought' for a short); keep waiting while it
-- stays beyond, but give up after 'patience' bars.
-- In position: exit a long when RSI reaches 'exit' (default: overbought), a short when it falls to 100 - exit.
-- Parameters: period (14), oversold (30), overbought (70), exit (overbought), patience (20), quantity,
-- stop and take (% of the entry bar's close, optional), short (false).

local period = params.period or 14
local oversold = params.oversold or 30
local overbought = params.overbought or 70
local exit_level = params.exit or overbought
local patience = params.patience or 20
local quantity = params.quantity
local stop = params.stop
local take = params.take
local allow_short = params.short == true

if oversold >= overbought then
  error("parameter 'oversold' (" .. oversold .. ") must be below 'overbought' (" .. overbought .. ")")
end

local function below(price, pct) return pct and price * (1 - pct / 100) or nil end
local function above(price, pct) return pct and price * (1 + pct / 100) or nil end

function detect_opportunity(market_data, context, indicators)
  local rsi = indicators.rsi(period)
  if rsi == nil then return nil end
  if rsi < oversold then
    return { direction = 1, waited = 0, reason = "RSI oversold" }
  elseif allow_short and rsi > overbought then
    return { direction = -1, waited = 0, reason = "RSI overbought" }
  end
  return nil
end

function filter_commitment(market_data, context, indicators)
  local rsi = indicators.rsi(period)
  local direction = context.direction or 0
  if rsi == nil or direction == 0 then
    return { action = "cancel_analysis", reason = "no direction" }
  end
  context.waited = context.waited + 1
  if context.waited > patience then
    return { action = "cancel_analysis", reason = "RSI stayed extreme too long" }
  end
  local close = market_data.close
  if direction > 0 then
    if rsi <= oversold then return nil end
    return { action = "enter_long", quantity = quantity, stop_loss = below(close, stop),
             take_profit = above(close, take), reason = "RSI turned up from oversold" }
  end
  if rsi >= overbought then return nil end
  return { action = "enter_short", quantity = quantity, stop_loss = above(close, stop),
           take_profit = below(close, take), reason = "RSI turned down from overbought" }
end

function manage_position(market_data, context, indicators)
  local rsi = indicators.rsi(period)
  if rsi == nil then return nil end
  local side = context.position.side
  if side == "long" and rsi >= exit_level then
    return { action = "exit", reason = "RSI reached exit level" }
  elseif side == "short" and rsi <= 100 - exit_level then
    return { action = "exit", reason = "RSI reached exit level" }
  end
  return nil
end
