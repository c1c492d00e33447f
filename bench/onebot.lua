-- onebot.lua — wrk script: durable 求助 posts over OneBot, signed, from the file bench/onebot_events.py wrote (ONEBOT_EVENTS).
-- Each wrk thread reads its own events in init() and cycles through them (a repeat would be a replayed message:
-- make the file longer than a run). Prints the same RESULT line as load.lua.
local path = os.getenv("ONEBOT_EVENTS") or "onebot_events.txt"
local thread_id = 0

function setup(thread)
  thread:set("tid", thread_id)
  thread_id = thread_id + 1
end

local reqs = {}
local i = 0

function init(args)
  local f = assert(io.open(path, "r"))
  for line in f:lines() do
    local t, sig, body = line:match("^(%d+)\t([^\t]+)\t(.*)$")
    if t and tonumber(t) == tid then
      reqs[#reqs + 1] = wrk.format("POST", "/hook/onebot",
        {["Content-Type"] = "application/json", ["X-Self-ID"] = "10001", ["X-Signature"] = sig}, body)
    end
  end
  f:close()
  assert(#reqs > 0, "no events for thread " .. tid .. " in " .. path)
end

function request()
  i = i % #reqs + 1
  return reqs[i]
end

function done(summary, latency, requests)
  io.write(string.format("RESULT onebot %.0f %.2f %.2f %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
