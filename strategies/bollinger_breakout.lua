-- Bollinger Bands breakout.
-- Idle: the close breaks above the upper band (below the lower band with short=true) while the bands are not
-- unusually wide (bandwidth below 'max_width' % of the middle) -> opportunity, remembering the band.
-- Analyzing: enter when the next close holds beyond the band that was broken; cancel when it falls back inside.
-- The stop-loss goes on the middle band and the take-profit 'reward' band-widths away.
-- In position: exit when the close crosses back over the middle band.
-- Parameters: period (20), k (2), max_width (10), reward (1.5), quantity, short (false).

local period = params.period or 20
local k = params.k or 2
local max_width = params.max_width or 10
local reward = params.reward or 1.5
local quantity = params.quantity
local allow_short = params.short == true

function detect_opportunity(market_data, context, indicators)
  local upper, middle, lower = indicators.bollinger(period, k)
  if upper == nil then return nil end
  local width = (upper - lower) / middle * 100
  if width > max_width then return nil end
  local close = market_data.close
  if close > upper then
    return { direction = 1, band = upper, reason = string.format("close %.4f broke above the upper band %.4f", close, upper) }
  elseif allow_short and close < lower then
    return { direction = -1, band = lower, reason = string.format("close %.4f broke below the lower band %.4f", close, lower) }
  end
  return nil
end

function filter_commitment(market_data, context, indicators)
  local upper, middle, lower = indicators.bollinger(period, k)
  if upper == nil then return { action = "cancel_analysis", reason = "bands not ready" } end
  local close = market_data.close
  local width = upper - lower
  if context.direction > 0 then
    if close <= context.band or close <= middle then
      return { action = "cancel_analysis", reason = "back inside the bands" }
    end
    return { action = "enter_long", quantity = quantity, stop_loss = middle,
             take_profit = close + reward * width, reason = "breakout held" }
  end
  if close >= context.band or close >= middle then
    return { action = "cancel_analysis", reason = "back inside the bands" }
  end
  return { action = "enter_short", quantity = quantity, stop_loss = middle,
           take_profit = math.max(close - reward * width, close * 0.01), reason = "breakdown held" }
end

function manage_position(market_data, context, indicators)
  local upper, middle, lower = indicators.bollinger(period, k)
  if middle == nil then return nil end
  local side = context.position.side
  local close = market_data.close
  if (side == "long" and close < middle) or (side == "short" and close > middle) then
    return { action = "exit", reason = "crossed the middle band" }
  end
  return nil
end
