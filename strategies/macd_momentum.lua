-- MACD momentum with an ATR trailing stop.
-- Idle: the MACD histogram crosses from <= 0 to > 0 (bullish momentum) while the MACD line is above the zero line
-- minus a tolerance -> opportunity. With short=true the mirror image opens shorts.
-- Analyzing: enter when the histogram keeps growing on the next bars (up to 'confirm' bars); cancel when it turns.
-- In position: exit when the histogram changes sign against the position; otherwise trail the stop-loss at
-- 'atr_mult' ATRs from the close, only ever tightening it.
-- Parameters: fast (12), slow (26), signal (9), confirm (3), atr (14), atr_mult (3), quantity, short (false).

local fast = params.fast or 12
local slow = params.slow or 26
local signal = params.signal or 9
local confirm = params.confirm or 3
local atr_period = params.atr or 14
local atr_mult = params.atr_mult or 3
local quantity = params.quantity
local allow_short = params.short == true

function detect_opportunity(market_data, context, indicators)
  local line, sig, hist = indicators.macd(fast, slow, signal)
  if line == nil then return nil end
  local previous = context.last_hist
  context.last_hist = hist
  if previous == nil then return nil end
  if previous <= 0 and hist > 0 then
    return { direction = 1, entry_hist = hist, bars = 0, reason = "MACD histogram turned positive" }
  elseif allow_short and previous >= 0 and hist < 0 then
    return { direction = -1, entry_hist = hist, bars = 0, reason = "MACD histogram turned negative" }
  end
  return nil
end

function filter_commitment(market_data, context, indicators)
  local line, sig, hist = indicators.macd(fast, slow, signal)
  local atr = indicators.atr(atr_period)
  local direction = context.direction
  context.last_hist = hist
  context.bars = context.bars + 1
  if hist == nil or atr == nil then
    return { action = "cancel_analysis", reason = "indicators not ready" }
  end
  local close = market_data.close
  if direction > 0 then
    if hist <= 0 then return { action = "cancel_analysis", reason = "momentum faded" } end
    if hist > context.entry_hist then
      return { action = "enter_long", quantity = quantity, stop_loss = close - atr_mult * atr,
               reason = "MACD momentum confirmed" }
    end
  else
    if hist >= 0 then return { action = "cancel_analysis", reason = "momentum faded" } end
    if hist < context.entry_hist then
      return { action = "enter_short", quantity = quantity, stop_loss = close + atr_mult * atr,
               reason = "MACD momentum confirmed" }
    end
  end
  if context.bars >= confirm then
    return { action = "cancel_analysis", reason = "no confirmation" }
  end
  return nil
end

function manage_position(market_data, context, indicators)
  local line, sig, hist = indicators.macd(fast, slow, signal)
  local atr = indicators.atr(atr_period)
  if hist == nil or atr == nil then return nil end
  context.last_hist = hist
  local position = context.position
  local close = market_data.close
  if position.side == "long" then
    if hist < 0 then return { action = "exit", reason = "MACD histogram turned negative" } end
    local trail = close - atr_mult * atr
    if position.stop_loss == nil or trail > position.stop_loss then
      return { action = "update_stop_loss", price = trail, reason = "trail" }
    end
  else
    if hist > 0 then return { action = "exit", reason = "MACD histogram turned positive" } end
    local trail = close + atr_mult * atr
    if position.stop_loss == nil or trail < position.stop_loss then
      return { action = "update_stop_loss", price = trail, reason = "trail" }
    end
  end
  return nil
end
