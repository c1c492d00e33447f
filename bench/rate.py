#!/usr/bin/env python3
"""Latency at a fixed rate of mixed traffic (wrk2-style, open loop): RATE
requests a second for SECONDS from 8 client threads, each request sent at its
scheduled time; latency counted from the schedule (no coordinated omission).

usage: rate.py URL RATE SECONDS [LABEL]; USERS=N: the senders are random ones of USER_PREFIX1..N (the city's
m1..m1000000), else u0..u499 in turn
"""
import http.client, json, os, random, sys, threading, time, urllib.parse

url, rate, seconds = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
u = urllib.parse.urlparse(url)
texts = ["查积分", "今天天气真好，大家出来晒太阳吧", "有什么需求", "求助 明天上午9点陪我去社区医院 1小时", "查积分", "收到"]
lat = []; errs = [0]; lock = threading.Lock()
start = time.time() + 0.2
total = int(rate * seconds)
T = 8
users, user_prefix = int(os.environ.get("USERS") or 0), os.environ.get("USER_PREFIX", "m")
# message ids of their own per run (RATE_MID_PREFIX), for a store kept from one run to the next (a repeated id is
# one message, answered from the inbox)
mid = os.environ.get("RATE_MID_PREFIX", "r")

def worker(k):
    mine = []
    for i in range(k, total, T):
        due = start + i / rate
        d = due - time.time()
        if d > 0:
            time.sleep(d)
        body = json.dumps({"message_id": f"{mid}{i}", "user_id": f"{user_prefix}{random.randint(1, users)}" if users else f"u{i % 500}", "text": texts[i % len(texts)],
                           "chat_type": "group", "chat_id": "g1"})
        try:
            c = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
            c.request("POST", u.path, body, {"Authorization": "Bearer bench", "Content-Type": "application/json"})
            r = c.getresponse(); r.read(); c.close()
            if r.status >= 500:
                errs[0] += 1
        except Exception:
            with lock:
                errs[0] += 1
        mine.append((time.time() - due) * 1000)
    with lock:
        lat.extend(mine)

th = [threading.Thread(target=worker, args=(k,)) for k in range(T)]
for t in th: t.start()
for t in th: t.join()
lat.sort()
p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))]
label = sys.argv[4] if len(sys.argv) > 4 else "(goal p99 <= 20 ms at 1,000 req/s)"
print(f"fixed rate {rate:.0f} req/s of mixed traffic for {seconds:.0f} s: p50 {p(0.5):.1f} ms, p99 {p(0.99):.1f} ms, "
      f"max {lat[-1]:.1f} ms, errors {errs[0]} {label}")
