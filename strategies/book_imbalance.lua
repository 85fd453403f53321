-- Order-book imbalance with a confidence score.
-- The imbalance is (bid_qty - ask_qty) / (bid_qty + ask_qty), from -1 (all asks) to +1 (all bids). When the feed
-- carries no book sizes (bid_qty + ask_qty == 0, as when replaying klines), the script falls back to the bar's close
-- location, (2 * close - high - low) / (high - low), the share of the bar's range won by buyers: the same scale.
-- The confidence score (0..1) grows with the size of the imbalance beyond the threshold and with agreement of the
-- price with its trend EMA:
--   confidence = min(1, (|imbalance| - threshold) / (1 - threshold)) * (0.5 + 0.5 * trend_agreement)
-- Idle: |imbalance| above 'threshold' -> opportunity with signal ("buy"/"sell") and confidence.
-- Analyzing: enter when the imbalance persists on the same side with confidence >= 'min_confidence' (shorts only
-- with short=true); cancel when it fades or after 'patience' bars. Stop-loss and take-profit are 'stop' and 'take'
-- % away from the close.
-- In position: exit when the imbalance flips beyond 'exit_threshold' against the position.
-- Parameters: threshold (0.3), min_confidence (0.2), exit_threshold (0.3), trend (20), patience (3),
-- stop (1), take (2), quantity, short (false).

local threshold = params.threshold or 0.3
local min_confidence = params.min_confidence or 0.2
local exit_threshold = params.exit_threshold or 0.3
local trend = params.trend or 20
local patience = params.patience or 3
local stop = params.stop or 1
local take = params.take or 2
local quantity = params.quantity
local allow_short = params.short == true

local function imbalance(m)
  local depth = m.bid_qty + m.ask_qty
  if depth > 0 then
    return (m.bid_qty - m.ask_qty) / depth
  end
  local range = m.high - m.low
  if range <= 0 then return 0 end
  return (2 * m.close - m.high - m.low) / range
end

local function confidence(m, indicators, value)
  local strength = (math.abs(value) - threshold) / (1 - threshold)
  if strength <= 0 then return 0 end
  if strength > 1 then strength = 1 end
  local ema = indicators.ema(trend)
  local agreement = 0
  if ema ~= nil and ((value > 0 and m.close > ema) or (value < 0 and m.close < ema)) then
    agreement = 1
  end
  return strength * (0.5 + 0.5 * agreement)
end

function detect_opportunity(market_data, context, indicators)
  local value = imbalance(market_data)
  if math.abs(value) <= threshold then return nil end
  if value < 0 and not allow_short then return nil end
  return {
    signal = value > 0 and "buy" or "sell",
    imbalance = value,
    confidence = confidence(market_data, indicators, value),
    waited = 0,
    reason = string.format("book imbalance %.2f", value),
  }
end

function filter_commitment(market_data, context, indicators)
  local value = imbalance(market_data)
  local buy = context.signal == "buy"
  context.waited = context.waited + 1
  if (buy and value <= 0) or (not buy and value >= 0) then
    return { action = "cancel_analysis", reason = "imbalance faded" }
  end
  local score = confidence(market_data, indicators, value)
  context.confidence = score
  if score < min_confidence then
    if context.waited >= patience then
      return { action = "cancel_analysis", reason = "confidence too low" }
    end
    return nil
  end
  local close = market_data.close
  if buy then
    return { action = "enter_long", quantity = quantity, stop_loss = close * (1 - stop / 100),
             take_profit = close * (1 + take / 100), reason = string.format("confidence %.2f", score) }
  end
  return { action = "enter_short", quantity = quantity, stop_loss = close * (1 + stop / 100),
           take_profit = close * (1 - take / 100), reason = string.format("confidence %.2f", score) }
end

function manage_position(market_data, context, indicators)
  local value = imbalance(market_data)
  local side = context.position.side
  if (side == "long" and value < -exit_threshold) or (side == "short" and value > exit_threshold) then
    return { action = "exit", reason = string.format("imbalance flipped to %.2f", value) }
  end
  return nil
end
