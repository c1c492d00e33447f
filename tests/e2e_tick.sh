#!/bin/sh
# End to end for the scheduler: messages through the real server at chosen
# times, then `bot tick --now T` at chosen times — each job once, then twice
# at the same time (nothing new).
BOT=${1:-build/bot}
. "$(dirname "$0")/e2e_lib.sh"
DIR=$(mktemp -d)
PORT=$(free_port)
# the private pushes the jobs queue need a push channel (without one they wait as notices for the member's
# next private reply, tests/rules_test.c); nothing listens there, only what is queued is looked at
PUSHPORT=$(free_port)
cat > "$DIR/bot.ini" <<INI
[server]
; this test drives the clock through each message's "time": the send-time window is off
max_clock_skew_seconds = 0
max_message_age_seconds = 0
listen = 127.0.0.1:$PORT
threads = 2
[store]
path = $DIR/t.db
[generic]
token = tok
push_url = http://127.0.0.1:$PUSHPORT/push
[scheduler]
interval_seconds = 3600
[roles]
admins = generic:900
INI
start_serve
n=0
say() { # say USER ISO TEXT [CHAT]
    n=$((n+1))
    body=$(python3 -c 'import json,sys,datetime; print(json.dumps({"message_id":"m"+sys.argv[1],"user_id":sys.argv[2],"user_name":sys.argv[2],"time":int(datetime.datetime.fromisoformat(sys.argv[3]).timestamp()),"text":sys.argv[4],"chat_type":"group" if sys.argv[5] else "private","chat_id":sys.argv[5] or None}))' "$n" "$1" "$2" "$3" "${4:-}")
    curl -s -H 'Authorization: Bearer tok' --data-binary "$body" "http://127.0.0.1:$PORT/hook/generic" > "$DIR/last"
}
tick() { "$BOT" tick -c "$DIR/bot.ini" --now "$1" > "$DIR/tick"; }
expect_tick() { # expect_tick ISO JOB COUNT
    tick "$1"
    c=$(grep -c "\"job\":\"$2\"" "$DIR/tick"); c=${c:-0}
    [ "$c" -eq "$3" ] && ok || bad "tick $1: $c $2 lines, want $3: $(cat "$DIR/tick")"
    tick "$1"
    [ ! -s "$DIR/tick" ] && ok || bad "tick $1 twice queued again: $(cat "$DIR/tick")"
}

say 900 2026-11-20T09:00:00+08:00 "注册 管晓敏 1号楼"
say 900 2026-11-20T09:01:00+08:00 "绑定 3号楼" g3
say 100 2026-11-20T10:00:00+08:00 "注册 张秀英 3号楼 生日1950年11月26日"
say 100 2026-11-20T10:00:30+08:00 "生日公开"                # her birthday may be greeted in the group
say 200 2026-11-20T10:01:00+08:00 "注册 王师傅 5号楼 生日1980年5月1日"
say 100 2026-11-23T10:00:00+08:00 "求助 明天上午9点陪我去社区医院 2小时" g1
grep -q '#1' "$DIR/last" && ok || bad "request: $(cat "$DIR/last")"

expect_tick 2026-11-23T16:00:00+08:00 unmatched 3        # the group it was posted in + the building's group + staff (3号楼 has no 楼长)
say 200 2026-11-23T17:00:00+08:00 "接单 #1" g1
expect_tick 2026-11-24T08:00:00+08:00 reminder 2         # volunteer and requester
say 200 2026-11-24T09:00:00+08:00 "开始服务 #1" g1
say 200 2026-11-24T11:00:00+08:00 "结束服务 #1" g1
expect_tick 2026-11-24T13:00:00+08:00 confirm_reminder 1
expect_tick 2026-11-25T11:00:00+08:00 auto_confirm 2     # telling both
expect_tick 2026-11-26T09:00:00+08:00 birthday 2         # her, and her building's group
tick 2026-12-05T10:00:00+08:00                           # each bound group, once
grep -c '"job":"leaderboard"' "$DIR/tick" | grep -qx 1 && grep -q '5号楼的一位志愿者 2小时' "$DIR/tick" && ok || bad "leaderboard: $(cat "$DIR/tick")"
tick 2026-12-05T10:00:00+08:00
grep -q leaderboard "$DIR/tick" && bad "leaderboard twice" || ok
"$BOT" tick -c "$DIR/bot.ini" --now 2027-01-05T10:30:00+08:00 > "$DIR/tick"
grep -q '"job":"report"' "$DIR/tick" && ok || bad "monthly report to staff: $(cat "$DIR/tick")"
tick 2028-10-25T10:59:00+08:00                           # the volunteer's lot, earned 2026-11-25 11:00, expires 2028-11-24 11:00
expect_tick 2028-10-25T11:00:00+08:00 expiry_warning 1   # 30 days before it expires
tick 2028-11-24T10:59:59+08:00
"$BOT" accounts -c "$DIR/bot.ini" | grep -q '"account":"expired","name":"expired","balance_minutes":0' && ok || bad "expired early"
tick 2028-11-24T11:00:00+08:00
"$BOT" accounts -c "$DIR/bot.ini" | grep -q '"account":"expired","name":"expired","balance_minutes":120' && ok || bad "lot did not expire on the day: $("$BOT" accounts -c "$DIR/bot.ini")"
stop_serve
finish e2e-tick
