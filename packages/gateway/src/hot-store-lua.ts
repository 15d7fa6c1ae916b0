/**
 * Lua scripts of the Redis HotStore. Each runs atomically on the server, which is the whole
 * point: "check every budget, then hold on all of them" cannot interleave with another caller.
 *
 * Counter hash fields: um/ut/un = settled money/tokens/messages, rm/rt/rn = reserved, g = the
 * generation written when the counter was seeded. A reservation remembers the generation it was
 * taken against, so a hold taken before a rebuild is never subtracted from the rebuilt counter.
 */
const UNDO = `
local function undo(resZ, resH, rid)
  local data = redis.call('HGET', resH, rid)
  if data then
    for k, g, m, t, n in string.gmatch(data, '([^,;]+),([^,;]*),([^,;]+),([^,;]+),([^,;]+)') do
      if redis.call('HGET', k, 'g') == g then
        redis.call('HINCRBY', k, 'rm', -tonumber(m))
        redis.call('HINCRBY', k, 'rt', -tonumber(t))
        redis.call('HINCRBY', k, 'rn', -tonumber(n))
      end
    end
    redis.call('HDEL', resH, rid)
  end
  redis.call('ZREM', resZ, rid)
end
`;

/**
 * Rate-limit admission and the budget hold in one script (one Redis round trip before the call):
 * the rate windows are checked first, then the counters; only when everything fits are the
 * request windows counted and the hold taken — a refused call consumes nothing.
 * KEYS: resZ, resH, counters…, rate windows…  ARGV: now, resId, expiresAt, #counters, then per
 * counter lm lt ln hard am at an, then per rate window limit cost ttlMs.
 * Returns {'ok'} | {'rate', index, pttl} | {'missing', i…} | {'exceeded', i}.
 */
export const RESERVE = `${UNDO}
local now = tonumber(ARGV[1])
local n = tonumber(ARGV[4])
local rbase = 4 + n * 7
for i = 1, #KEYS - 2 - n do
  local k = KEYS[2 + n + i]
  local c = tonumber(redis.call('GET', k) or 0)
  local limit = tonumber(ARGV[rbase + (i - 1) * 3 + 1])
  local cost = tonumber(ARGV[rbase + (i - 1) * 3 + 2])
  if c + cost > limit or (cost == 0 and c >= limit) then
    return {'rate', i - 1, redis.call('PTTL', k)}
  end
end
for _, rid in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, 50)) do
  undo(KEYS[1], KEYS[2], rid)
end
local missing = {}
for i = 1, n do
  if redis.call('EXISTS', KEYS[i + 2]) == 0 then missing[#missing + 1] = i - 1 end
end
if #missing > 0 then return {'missing', unpack(missing)} end
for i = 1, n do
  local base = 4 + (i - 1) * 7
  if ARGV[base + 4] == '1' then
    local vals = redis.call('HMGET', KEYS[i + 2], 'um', 'rm', 'ut', 'rt', 'un', 'rn')
    for d = 1, 3 do
      local limit = tonumber(ARGV[base + d])
      if limit >= 0 then
        local cur = tonumber(vals[d * 2 - 1] or 0) + tonumber(vals[d * 2] or 0)
        if cur + tonumber(ARGV[base + 4 + d]) > limit then return {'exceeded', i - 1} end
      end
    end
  end
end
for i = 1, #KEYS - 2 - n do
  local cost = tonumber(ARGV[rbase + (i - 1) * 3 + 2])
  if cost > 0 then
    redis.call('INCRBY', KEYS[2 + n + i], cost)
    redis.call('PEXPIRE', KEYS[2 + n + i], ARGV[rbase + (i - 1) * 3 + 3])
  end
end
if n == 0 then return {'ok'} end
local parts = {}
for i = 1, n do
  local base = 4 + (i - 1) * 7
  local k = KEYS[i + 2]
  redis.call('HINCRBY', k, 'rm', ARGV[base + 5])
  redis.call('HINCRBY', k, 'rt', ARGV[base + 6])
  redis.call('HINCRBY', k, 'rn', ARGV[base + 7])
  local g = redis.call('HGET', k, 'g') or ''
  parts[#parts + 1] = k .. ',' .. g .. ',' .. ARGV[base + 5] .. ',' .. ARGV[base + 6] .. ',' .. ARGV[base + 7]
end
redis.call('HSET', KEYS[2], ARGV[2], table.concat(parts, ';'))
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[2])
redis.call('PEXPIRE', KEYS[1], 86400000)
redis.call('PEXPIRE', KEYS[2], 86400000)
return {'ok'}
`;

/**
 * The real cost replaces the hold, and the real tokens go into the token rate windows, in one
 * round trip after the call.
 * KEYS: resZ, resH, counters…, rate windows…  ARGV: resId ('' = none), #counters, then per counter
 * am at an, then per rate window cost ttlMs. Returns 6 numbers per counter (or -1s).
 */
export const SETTLE = `${UNDO}
if ARGV[1] ~= '' then undo(KEYS[1], KEYS[2], ARGV[1]) end
local n = tonumber(ARGV[2] or 0)
local rbase = 2 + n * 3
for i = 1, #KEYS - 2 - n do
  local k = KEYS[2 + n + i]
  redis.call('INCRBY', k, ARGV[rbase + (i - 1) * 2 + 1])
  redis.call('PEXPIRE', k, ARGV[rbase + (i - 1) * 2 + 2])
end
local out = {}
for i = 3, 2 + n do
  local k = KEYS[i]
  local base = 3 + (i - 3) * 3
  if redis.call('EXISTS', k) == 1 then
    redis.call('HINCRBY', k, 'um', ARGV[base])
    redis.call('HINCRBY', k, 'ut', ARGV[base + 1])
    redis.call('HINCRBY', k, 'un', ARGV[base + 2])
    local v = redis.call('HMGET', k, 'um', 'ut', 'un', 'rm', 'rt', 'rn')
    for d = 1, 6 do out[#out + 1] = tonumber(v[d] or 0) end
  else
    for d = 1, 6 do out[#out + 1] = -1 end
  end
end
return out
`;

/** KEYS: counter. ARGV: um ut un gen ttlMs. Creates the counter only if absent. */
export const SEED = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'um', ARGV[1], 'ut', ARGV[2], 'un', ARGV[3], 'rm', 0, 'rt', 0, 'rn', 0, 'g', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1
`;

/** KEYS: window keys. ARGV: per key limit cost ttlMs. Returns {-1} when admitted, else {index, pttl}. */
export const RATE = `
local counts = {}
for i = 1, #KEYS do
  local c = tonumber(redis.call('GET', KEYS[i]) or 0)
  local limit = tonumber(ARGV[(i - 1) * 3 + 1])
  local cost = tonumber(ARGV[(i - 1) * 3 + 2])
  if c + cost > limit or (cost == 0 and c >= limit) then
    local ttl = redis.call('PTTL', KEYS[i])
    return {i - 1, ttl}
  end
end
for i = 1, #KEYS do
  local cost = tonumber(ARGV[(i - 1) * 3 + 2])
  if cost > 0 then
    redis.call('INCRBY', KEYS[i], cost)
    redis.call('PEXPIRE', KEYS[i], ARGV[(i - 1) * 3 + 3])
  end
end
return {-1, 0}
`;
