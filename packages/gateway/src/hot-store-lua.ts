/**
 * Lua scripts of the Redis HotStore. Each runs atomically on the server, which is the whole
 * point: "check every budget, then hold on all of them" cannot interleave with another caller.
 *
 * Counter hash fields: um/ut/un = settled money/tokens/messages, rm/rt/rn = reserved, g = the
 * generation written when the counter was seeded, ru = until when it admits nothing new (holds
 * being put back after the store was emptied). A reservation remembers the generation it was
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

-- A settled or released call leaves a tombstone for two minutes: a renewal racing the settle does
-- not put its hold back, and a settle retried after a timeout (the first may still have run) is
-- not counted twice. The reaper clears tombstones like lapsed holds.
local function tomb(resZ, resH, rid)
  local t = redis.call('TIME')
  redis.call('HSET', resH, rid, 'x')
  redis.call('ZADD', resZ, tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + 120000, rid)
end
`;

/**
 * Call-id claim, rate-limit admission and the budget hold in one script (one Redis round trip
 * before the call): the claim is checked first, then the rate windows, then the counters; only
 * when everything fits are the claim taken, the request windows counted and the hold taken — a
 * refused call consumes nothing.
 * KEYS: resZ, resH, claim, counters…, rate windows…  ARGV: now, resId, leaseUntil, #counters,
 * claim? ('1'/'0'), then per counter lm lt ln hard am at an, then per rate window limit cost ttlMs.
 * Returns {'ok'} | {'duplicate'} | {'rate', index, pttl} | {'missing', i…} | {'restoring', ms} |
 * {'exceeded', i, held}.
 */
export const RESERVE = `${UNDO}
local now = tonumber(ARGV[1])
local n = tonumber(ARGV[4])
local claim = ARGV[5] == '1'
local rbase = 5 + n * 7
local first = 3
if claim and redis.call('EXISTS', KEYS[3]) == 1 then return {'duplicate'} end
for i = 1, #KEYS - first - n do
  local k = KEYS[first + n + i]
  local c = tonumber(redis.call('GET', k) or 0)
  local limit = tonumber(ARGV[rbase + (i - 1) * 3 + 1])
  local cost = tonumber(ARGV[rbase + (i - 1) * 3 + 2])
  if c + cost > limit or (cost == 0 and c >= limit) then
    return {'rate', i - 1, redis.call('PTTL', k)}
  end
end
for _, rid in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, 200)) do
  undo(KEYS[1], KEYS[2], rid)
end
local missing = {}
for i = 1, n do
  if redis.call('EXISTS', KEYS[first + i]) == 0 then missing[#missing + 1] = i - 1 end
end
if #missing > 0 then return {'missing', unpack(missing)} end
local wait = 0
for i = 1, n do
  local ru = tonumber(redis.call('HGET', KEYS[first + i], 'ru') or 0)
  if ru > now and ru - now > wait then wait = ru - now end
end
if wait > 0 then return {'restoring', wait} end
local heldAt = -1
for i = 1, n do
  local base = 5 + (i - 1) * 7
  if ARGV[base + 4] == '1' then
    local vals = redis.call('HMGET', KEYS[first + i], 'um', 'rm', 'ut', 'rt', 'un', 'rn')
    for d = 1, 3 do
      local limit = tonumber(ARGV[base + d])
      if limit >= 0 then
        local used = tonumber(vals[d * 2 - 1] or 0)
        local amount = tonumber(ARGV[base + 4 + d])
        if used + amount > limit then return {'exceeded', i - 1, 0} end
        if heldAt < 0 and used + tonumber(vals[d * 2] or 0) + amount > limit then heldAt = i - 1 end
      end
    end
  end
end
if heldAt >= 0 then return {'exceeded', heldAt, 1} end
for i = 1, #KEYS - first - n do
  local cost = tonumber(ARGV[rbase + (i - 1) * 3 + 2])
  if cost > 0 then
    redis.call('INCRBY', KEYS[first + n + i], cost)
    redis.call('PEXPIRE', KEYS[first + n + i], ARGV[rbase + (i - 1) * 3 + 3])
  end
end
if claim then redis.call('SET', KEYS[3], ARGV[2], 'PX', 86400000) end
if n == 0 then return {'ok'} end
local parts = {}
for i = 1, n do
  local base = 5 + (i - 1) * 7
  local k = KEYS[first + i]
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
 * Renews the lease of calls still running; a call whose hold is gone (the store was emptied) is
 * held again, on every counter or on none: a missing counter is reported for seeding instead.
 * KEYS: resZ, resH, then per call its claim key and its counters.  ARGV: leaseUntil, #calls, then
 * per call resId, claim? ('1'/'0'), #lines, then per line am at an.
 * Returns {reasserted, missing counter keys…}.
 */
export const RENEW = `
local lease = ARGV[1]
local calls = tonumber(ARGV[2])
local ai, ki = 3, 3
local reasserted = 0
local out = {}
for _ = 1, calls do
  local rid, claim, nl = ARGV[ai], ARGV[ai + 1] == '1', tonumber(ARGV[ai + 2])
  ai = ai + 3
  local claimKey = KEYS[ki]
  ki = ki + 1
  local held = redis.call('HGET', KEYS[2], rid)
  if held == 'x' then
    -- settled or released meanwhile: nothing to renew or put back
  elseif held then
    redis.call('ZADD', KEYS[1], lease, rid)
  else
    local absent = false
    for l = 0, nl - 1 do
      if redis.call('EXISTS', KEYS[ki + l]) == 0 then
        absent = true
        out[#out + 1] = KEYS[ki + l]
      end
    end
    if not absent then
      local parts = {}
      for l = 0, nl - 1 do
        local k, m, t, n = KEYS[ki + l], ARGV[ai + l * 3], ARGV[ai + l * 3 + 1], ARGV[ai + l * 3 + 2]
        redis.call('HINCRBY', k, 'rm', m)
        redis.call('HINCRBY', k, 'rt', t)
        redis.call('HINCRBY', k, 'rn', n)
        parts[#parts + 1] = k .. ',' .. (redis.call('HGET', k, 'g') or '') .. ',' .. m .. ',' .. t .. ',' .. n
      end
      if nl > 0 then redis.call('HSET', KEYS[2], rid, table.concat(parts, ';')) end
      redis.call('ZADD', KEYS[1], lease, rid)
      if claim then redis.call('SET', claimKey, rid, 'PX', 86400000, 'NX') end
      reasserted = reasserted + 1
    end
  end
  ki = ki + nl
  ai = ai + nl * 3
end
redis.call('PEXPIRE', KEYS[1], 86400000)
redis.call('PEXPIRE', KEYS[2], 86400000)
return {reasserted, unpack(out)}
`;

/** KEYS: resZ, resH, claim. ARGV: resId. Drops the hold, and the claim if this call made it. */
export const RELEASE = `${UNDO}
if redis.call('HGET', KEYS[2], ARGV[1]) ~= 'x' then
  undo(KEYS[1], KEYS[2], ARGV[1])
  tomb(KEYS[1], KEYS[2], ARGV[1])
end
if KEYS[3] and redis.call('GET', KEYS[3]) == ARGV[1] then redis.call('DEL', KEYS[3]) end
return 1
`;

/**
 * The real cost replaces the hold, and the real tokens go into the token rate windows, in one
 * round trip after the call.
 * KEYS: resZ, resH, counters…, rate windows…  ARGV: resId ('' = none), #counters, then per counter
 * am at an, then per rate window cost ttlMs, then the usage row's id. Returns 6 numbers per
 * counter (or -1s).
 */
export const SETTLE = `${UNDO}
local again = false
if ARGV[1] ~= '' then
  again = redis.call('HGET', KEYS[2], ARGV[1]) == 'x'
  if not again then
    undo(KEYS[1], KEYS[2], ARGV[1])
    tomb(KEYS[1], KEYS[2], ARGV[1])
  end
end
local n = tonumber(ARGV[2] or 0)
local rbase = 2 + n * 3
local ref = ARGV[rbase + (#KEYS - 2 - n) * 2 + 1]
if not ref or ref == '' then ref = 'rid:' .. (ARGV[1] ~= '' and ARGV[1] or tostring(redis.call('INCR', KEYS[2] .. ':seq'))) end
for i = 1, #KEYS - 2 - n do
  local k = KEYS[2 + n + i]
  if not again then
    redis.call('INCRBY', k, ARGV[rbase + (i - 1) * 2 + 1])
    redis.call('PEXPIRE', k, ARGV[rbase + (i - 1) * 2 + 2])
  end
end
local out = {}
for i = 3, 2 + n do
  local k = KEYS[i]
  local base = 3 + (i - 3) * 3
  if redis.call('EXISTS', k) == 1 then
    if not again then
      redis.call('HINCRBY', k, 'um', ARGV[base])
      redis.call('HINCRBY', k, 'ut', ARGV[base + 1])
      redis.call('HINCRBY', k, 'un', ARGV[base + 2])
    end
    local v = redis.call('HMGET', k, 'um', 'ut', 'un', 'rm', 'rt', 'rn')
    for d = 1, 6 do out[#out + 1] = tonumber(v[d] or 0) end
  else
    -- No counter (Redis was emptied, or a new period): a rebuild from PostgreSQL is about to seed
    -- it, but may have read before this call's row was committed. Keep the amount aside under the
    -- row's id; the seed adds it, and the rebuild takes back those its own read already counted.
    if not again then
      local p = k .. ':pend'
      redis.call('HSET', p, ref, ARGV[base] .. ',' .. ARGV[base + 1] .. ',' .. ARGV[base + 2])
      redis.call('PEXPIRE', p, 600000)
    end
    for d = 1, 6 do out[#out + 1] = -1 end
  end
end
return out
`;

/**
 * KEYS: counter, its pending settles. ARGV: um ut un gen ttlMs restoreUntil. Creates the counter
 * only if absent, with the settles that arrived while it was missing; returns those (row id,
 * "m,t,n" pairs), or 0 when the counter existed.
 */
export const SEED = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'um', ARGV[1], 'ut', ARGV[2], 'un', ARGV[3], 'rm', 0, 'rt', 0, 'rn', 0, 'g', ARGV[4], 'ru', ARGV[6])
local merged = redis.call('HGETALL', KEYS[2])
for i = 2, #merged, 2 do
  local m, t, n = string.match(merged[i], '([^,]+),([^,]+),([^,]+)')
  redis.call('HINCRBY', KEYS[1], 'um', m)
  redis.call('HINCRBY', KEYS[1], 'ut', t)
  redis.call('HINCRBY', KEYS[1], 'un', n)
end
redis.call('DEL', KEYS[2])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return merged
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

/**
 * Repairs drift: sets a counter's settled usage to PostgreSQL's figures, but only if nothing was
 * held while they were read and nothing changed since (compare-and-set on all six fields).
 * KEYS: counter. ARGV: expected um ut un, new um ut un. Returns 1 when repaired.
 */
export const RECONCILE = `
local v = redis.call('HMGET', KEYS[1], 'um', 'ut', 'un', 'rm', 'rt', 'rn')
if not v[1] then return 0 end
for d = 1, 3 do
  if tonumber(v[d]) ~= tonumber(ARGV[d]) or tonumber(v[d + 3] or 0) ~= 0 then return 0 end
end
redis.call('HSET', KEYS[1], 'um', ARGV[4], 'ut', ARGV[5], 'un', ARGV[6])
return 1
`;

/**
 * Deletes every key of one namespace in one atomic step, as FLUSHDB would for the whole server:
 * a store emptied key by key could lose a counter while its epoch survives, which no real
 * flush or restart does. ARGV: the key pattern. Returns how many keys went.
 */
export const CLEAR = `
local cursor, n = '0', 0
repeat
  local r = redis.call('SCAN', cursor, 'MATCH', ARGV[1], 'COUNT', 1000)
  cursor = r[1]
  for _, k in ipairs(r[2]) do
    redis.call('DEL', k)
    n = n + 1
  end
until cursor == '0'
return n
`;
