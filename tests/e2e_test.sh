#!/bin/sh
# End to end: start the real build/bot serve on a free loopback port, play a
# whole request lifecycle over POST /hook/generic with curl, check every
# refusal and error code, stop with SIGTERM, then `bot audit`.
BOT=${1:-build/bot}
. "$(dirname "$0")/e2e_lib.sh"
DIR=$(mktemp -d)
PORT=$(free_port)
TOKEN=e2e-secret
cat > "$DIR/bot.ini" <<INI
[server]
; this test drives the clock through each message's "time": the send-time window is off
max_clock_skew_seconds = 0
max_message_age_seconds = 0
listen = 127.0.0.1:$PORT
threads = 4
max_body_bytes = 16384
[store]
path = $DIR/e2e.db
[clock]
utc_offset = +08:00
[generic]
token = $TOKEN
INI
start_serve
ok

# post MID USER NAME TEXT TIME [CHAT] → prints the body, status in $DIR/status
post() {
    chat=${6:-}
    if [ -n "$chat" ]; then ct=group; else ct=private; fi
    body=$(python3 -c 'import json,sys; print(json.dumps({"message_id":sys.argv[1],"user_id":sys.argv[2],"user_name":sys.argv[3],"text":sys.argv[4],"time":int(sys.argv[5]),"chat_type":sys.argv[6],"chat_id":sys.argv[7] or None}))' "$1" "$2" "$3" "$4" "$5" "$ct" "$chat")
    curl -s -o "$DIR/body" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
         -H 'Content-Type: application/json' --data-binary "$body" "http://127.0.0.1:$PORT/hook/generic" > "$DIR/status"
    cat "$DIR/body"
}
expect() { # expect WHAT STATUS SUBSTRING
    st=$(cat "$DIR/status"); b=$(cat "$DIR/body")
    if [ "$st" = "$2" ] && echo "$b" | grep -q -- "$3"; then ok; else bad "$1: status $st body $b"; fi
}
epoch() { date -d "$1" +%s; }

T0=$(epoch 2026-11-23T10:00:00+08:00)
T_START=$(epoch 2026-11-24T09:00:00+08:00)
T_END=$(epoch 2026-11-24T11:00:00+08:00)
T_CONF=$(epoch 2026-11-24T12:00:00+08:00)

post m1 u-zhang 张阿姨 "求助 明天上午9点陪我去社区医院 2小时" "$T0" grp >/dev/null
expect "post request" 200 '已发布求助 #1'
grep -q '明天（周二）上午9点' "$DIR/body" && ok || bad "start time in reply: $(cat "$DIR/body")"
post m2 u-zhang 张阿姨 "接单 #1" "$T0" grp >/dev/null
expect "own request refused" 200 '不能自己接单'
post m2v u-wang 王师傅 "注册 王师傅 生日1980年5月1日" "$T0" >/dev/null
expect "the volunteer registers, with a birthday (to accept)" 200 '欢迎 王师傅'
post m3 u-wang 王师傅 "接单 #1" "$T0" grp >/dev/null
expect "accept" 200 '王师傅 已接单 #1'
post m4 u-li 李大爷 "接单 #1" "$T0" grp >/dev/null
expect "accepted twice refused" 200 '有人接单'
post m5 u-wang 王师傅 "接单 #77" "$T0" grp >/dev/null
expect "unknown id" 200 '没有找到求助 #77'
post m6 u-wang 王师傅 "开始服务 #1" "$T_START" grp >/dev/null
expect "start" 200 '开始服务'
post m7 u-wang 王师傅 "结束服务 #1" "$T_END" grp >/dev/null
expect "finish" 200 '计时 2小时'
post m8 u-li 李大爷 "确认 #1" "$T_CONF" grp >/dev/null
expect "stranger confirm refused" 200 '才能确认'
post m9 u-zhang 张阿姨 "确认 #1" "$T_CONF" grp >/dev/null
expect "confirm" 200 '获得 2小时'
post m9 u-zhang 张阿姨 "确认 #1" "$T_CONF" grp >/dev/null
expect "retried message_id gets the first answer" 200 '获得 2小时'
post m10 u-zhang 张阿姨 "确认 #1" "$T_CONF" grp >/dev/null
expect "confirm twice refused" 200 '已经确认过了'
post m11 u-li 李大爷 "今天天气真好，大家出来晒太阳吧" "$T_CONF" grp >/dev/null
expect "chatter is silent" 200 '"reply": *null'
post m12 u-wang 王师傅 "查积分" "$T_CONF" >/dev/null
expect "balance" 200 '余额为 2小时'

# bad input: each a 4xx with {"error":…}
code() { curl -s -o "$DIR/body" -w '%{http_code}' "$@"; }
[ "$(code -H "Authorization: Bearer wrong" --data '{}' "http://127.0.0.1:$PORT/hook/generic")" = 401 ] && ok || bad "bad token"
grep -q '"error"' "$DIR/body" && ok || bad "error body"
[ "$(code -H "Authorization: Bearer $TOKEN" --data '{"message_id":' "http://127.0.0.1:$PORT/hook/generic")" = 400 ] && ok || bad "malformed json"
[ "$(code -H "Authorization: Bearer $TOKEN" --data '{"message_id":"x","user_id":"u"}' "http://127.0.0.1:$PORT/hook/generic")" = 400 ] && ok || bad "missing text"
[ "$(code -H "Authorization: Bearer $TOKEN" --data '{"message_id":"x","user_id":"u","text":5}' "http://127.0.0.1:$PORT/hook/generic")" = 400 ] && ok || bad "wrong type"
python3 -c 'print("{\"text\":\"" + "x"*20000 + "\"}")' > "$DIR/big.json"
[ "$(code -H "Authorization: Bearer $TOKEN" --data-binary @"$DIR/big.json" "http://127.0.0.1:$PORT/hook/generic")" = 413 ] && ok || bad "oversized body"
[ "$(code -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/hook/generic")" = 405 ] && ok || bad "wrong method"
[ "$(code -X POST "http://127.0.0.1:$PORT/healthz")" = 405 ] && ok || bad "healthz method"

# flooding: over the per-minute limit each private message reads the polite line (never silence), nothing handled
for k in $(seq 1 22); do post "f$k" u-flood 洪 "查积分" "$T_CONF" > /dev/null; cp "$DIR/body" "$DIR/flood$k"; done
grep -q '余额' "$DIR/flood20" && ok || bad "20th message still answered: $(cat "$DIR/flood20")"
grep -q '太快' "$DIR/flood21" && ok || bad "21st message: $(cat "$DIR/flood21")"
grep -q '太快' "$DIR/flood22" && ok || bad "22nd message, right after the warning: $(cat "$DIR/flood22")"
# an over-long text gets a polite reply and changes nothing
python3 -c 'import json; print(json.dumps({"message_id":"long1","user_id":"u-long","text":"求助 "+"很"*2100}))' > "$DIR/long.json"
curl -s -o "$DIR/body" -H "Authorization: Bearer $TOKEN" --data-binary @"$DIR/long.json" "http://127.0.0.1:$PORT/hook/generic"
grep -q '太长' "$DIR/body" && ok || bad "long text: $(cat "$DIR/body")"

stop_serve

"$BOT" accounts -c "$DIR/bot.ini" > "$DIR/accounts"
grep -q '"account":"generic:u-zhang","name":"张阿姨","balance_minutes":-120' "$DIR/accounts" && ok || bad "requester balance: $(cat "$DIR/accounts")"
grep -q '"account":"generic:u-wang","name":"王师傅","balance_minutes":120,"earned_minutes":120' "$DIR/accounts" && ok || bad "volunteer balance"
! grep -q "generic:u-li" "$DIR/accounts" && ok || bad "refused messages created members: $(cat "$DIR/accounts")"
finish e2e
