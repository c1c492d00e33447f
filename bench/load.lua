-- wrk script for the bot's webhook: SCENARIO = balance | chatter | post | cycle.
-- Every request has a fresh message_id and one of 1,000 users; `cycle` walks
-- post → accept → start → finish → confirm with the id the bot replied; its volunteer first registers with a
-- birthday (accepting needs a registered member of min_age, issue 15).
local scenario = os.getenv("SCENARIO") or "balance"
-- two wrk processes against two replicas of one store give their message ids different prefixes (the same id
-- twice is one message, answered once)
local mid_prefix = os.getenv("MID_PREFIX") or "w"
-- USERS=N: the members are random ones of USER_PREFIX1..USER_PREFIXN (the city store of bench/seed --city names
-- its million generic:m1..m1000000); unset, the same 1,000 users u0..u999 in turn
local users = tonumber(os.getenv("USERS") or "")
local user_prefix = os.getenv("USER_PREFIX") or "m"
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("tid", thread_id)
  thread_id = thread_id + 1
  table.insert(threads, thread)
end

local n = 0
local step = 0
local rid = nil
local req_user = nil
local registered = false
local t0 = 1795370400

local function body(user, text, t, group)
  local chat = group and ',"chat_type":"group","chat_id":"g1"' or ''
  return string.format('{"message_id":"%s%d-%d","user_id":"%s","user_name":"%s","text":"%s","time":%d%s}',
                       mid_prefix, tid, n, user, user, text, t, chat)
end

-- every post its own start (12月1日8点0分 … 12月28日17点59分, 16,800 of them): the same
-- member posting the same service for the same start within 30 minutes is a twin the bot
-- refuses (issue 13), and a bench of refusals measures nothing
local function post_text(k)
  return string.format("求助 12月%d日%d点%d分陪我去社区医院 1小时", 1 + math.floor(k / 600) % 28,
                       8 + math.floor(k / 60) % 10, k % 60)
end

-- the cycle's request starts 30 minutes after it is posted (its local time on the community's +08:00 clock),
-- so 开始服务 at once is inside the start window (issue 14) and each cycle has its own start (no twin)
local function soon_text(t)
  local local_s = (t + 1800 + 8 * 3600) % 86400
  local day = ((t + 8 * 3600) % 86400) + 1800 >= 86400 and "明天" or "今天"
  local h, m = math.floor(local_s / 3600), math.floor(local_s % 3600 / 60)
  -- the part of the day named, as people write it (a bare 2点 reads as the afternoon's)
  local part, hh = "凌晨", h
  if h >= 18 then part, hh = "晚上", h - 12
  elseif h > 12 then part, hh = "下午", h - 12
  elseif h == 12 then part = "中午"
  elseif h >= 6 then part = "上午" end
  return string.format("求助 %s%s%d点%02d分陪我去社区医院 1小时", day, part, hh, m)
end

function init(args)
  math.randomseed(os.time() * 1000 + tid)
end

local function member()
  if users then return user_prefix .. tostring(math.random(users)) end
  return "u" .. tostring((n * 7 + tid * 131) % 1000)
end

function request()
  n = n + 1
  local user = member()
  local text, t, group = "查积分", t0, false
  if scenario == "chatter" then
    text, group = "今天天气真好，大家出来晒太阳吧", true
  elseif scenario == "post" then
    text = post_text(n)
  elseif scenario == "cycle" then
    local a, b = users and member() or "c" .. tid .. "a" .. (n % 5), "c" .. tid .. "b"
    local base = t0 + n * 100
    if not registered then
      user, text, t = b, "注册 王志愿 生日1980年5月1日", base
    elseif step == 0 or rid == nil then
      user, text, t = a, soon_text(base), base
      req_user = a
    elseif step == 1 then user, text, t = b, "接单 #" .. rid, base
    elseif step == 2 then user, text, t = b, "开始服务 #" .. rid, base
    elseif step == 3 then user, text, t = b, "结束服务 #" .. rid, base + 3600
    else user, text, t = req_user, "确认 #" .. rid, base + 3600 end
  end
  return wrk.format("POST", "/hook/generic", {["Authorization"] = "Bearer bench", ["Content-Type"] = "application/json"},
                    body(user, text, t, group))
end

function response(status, headers, b)
  if scenario ~= "cycle" then return end
  if not registered then registered = true; return end
  if step == 0 then
    local m = b:match("#(%d+)")
    if m then rid = m; step = 1 end
  elseif step == 4 then step = 0; rid = nil
  else step = step + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("RESULT %s %.0f %.2f %.2f %d %d\n", scenario, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
