#!/bin/sh
# End to end over the platform hooks: OneBot (signed), Telegram (secret
# header), WeChat (signature, XML); a request posted in a QQ group and
# escalated by `bot tick` reaches a mock /send_group_msg on 127.0.0.1; with the
# mock down the push waits and is delivered when it comes back; the per-chat
# rate limit holds; then `bot audit`.
BOT=${1:-build/bot}
. "$(dirname "$0")/e2e_lib.sh"
DIR=$(mktemp -d)
PORT=$(free_port); MOCK=$(free_port)
cat > "$DIR/bot.ini" <<INI
[server]
; this test drives the clock through each message's "time": the send-time window is off
max_clock_skew_seconds = 0
max_message_age_seconds = 0
listen = 127.0.0.1:$PORT
threads = 4
[store]
path = $DIR/p.db
[generic]
token = gen
[onebot]
secret = obsecret
api_url = http://127.0.0.1:$MOCK
access_token = obtoken
[telegram]
secret_token = tgsecret
api_url = http://127.0.0.1:$MOCK
bot_token = 42:abc
[wechat]
token = wxtoken
[scheduler]
interval_seconds = 3600
; the ticks below run at the wall clock's time, which may fall in quiet hours;
; quiet hours themselves are tested in jobs_test and e2e_tick.sh
quiet_exempt_jobs = unmatched
[outbox]
backoff_seconds = 1
per_chat_per_minute = 2
connect_timeout_ms = 500
timeout_ms = 2000
INI
MOCKPID=
start_mock() { python3 tests/mock_platform.py "$MOCK" "$DIR/mock.log" & MOCKPID=$!; sleep 0.3; }
stop_mock() { kill "$MOCKPID" 2>/dev/null; wait "$MOCKPID" 2>/dev/null; }
start_mock
ON_START_FAIL=stop_mock
start_serve
NOW=$(date +%s); T0=$((NOW - 8 * 3600))

# onebot EVENT_JSON → status in $DIR/status, body in $DIR/body
onebot() {
    printf '%s' "$1" > "$DIR/ev"
    sig=$(python3 -c 'import hmac,hashlib,sys; print(hmac.new(b"obsecret", open(sys.argv[1],"rb").read(), hashlib.sha1).hexdigest())' "$DIR/ev")
    curl -s -o "$DIR/body" -w '%{http_code}' -H "X-Signature: sha1=${2:-$sig}" -H 'Content-Type: application/json' \
         -H 'X-Self-ID: 10001' --data-binary @"$DIR/ev" "http://127.0.0.1:$PORT/hook/onebot" > "$DIR/status"
}
ev() { # ev MSGID GROUP USER TEXT
    python3 -c 'import json,sys; print(json.dumps({"time":int(sys.argv[5]),"self_id":10001,"post_type":"message","message_type":"group","sub_type":"normal","message_id":int(sys.argv[1]),"group_id":int(sys.argv[2]),"user_id":int(sys.argv[3]),"message":[{"type":"at","data":{"qq":"10001"}},{"type":"text","data":{"text":sys.argv[4]}}],"sender":{"nickname":"n","card":"王阿姨"}}, ensure_ascii=False))' "$@" "$T0"
}
check() { # check WHAT STATUS SUBSTRING
    st=$(cat "$DIR/status"); b=$(cat "$DIR/body")
    if [ "$st" = "$2" ] && echo "$b" | grep -q -- "$3"; then ok; else bad "$1: status $st body $b"; fi
}

onebot "$(ev 1 123456789 5550001 ' 求助 明天上午9点陪我去社区医院 2小时')"
check "onebot request posted" 200 '已发布求助 #1'
grep -q '"at_sender":true' "$DIR/body" && ok || bad "quick reply @s the sender"
onebot "$(ev 1 123456789 5550001 ' 求助 明天上午9点陪我去社区医院 2小时')"
check "onebot retry gets the first answer" 200 '已发布求助 #1'
onebot '{"time":1,"self_id":10001,"post_type":"message","message_type":"group","message_id":2,"group_id":123456789,"user_id":5550002,"message":"今天天气真好"}'
[ "$(cat "$DIR/status")" = 204 ] && ok || bad "chatter gets 204"
onebot "$(ev 4 123456789 5550002 ' 你好')"
check "a mention is answered" 200 '帮助' 
onebot "$(ev 3 123456789 5550001 ' 查积分')" "0000000000000000000000000000000000000000"
check "bad signature" 401 'error'
onebot '{"post_type":"message",' 
check "malformed event" 400 'error'
onebot '{"time":1,"self_id":10001,"post_type":"meta_event","meta_event_type":"heartbeat"}'
[ "$(cat "$DIR/status")" = 204 ] && ok || bad "heartbeat gets 204"

# escalation: bot tick queues, the sender delivers to the mock's /send_group_msg
"$BOT" tick -c "$DIR/bot.ini" --now "$(TZ=Asia/Shanghai date -d @"$NOW" --iso-8601=seconds)" > "$DIR/tick1"
grep -q '"job":"unmatched","platform":"onebot","chat":"123456789"' "$DIR/tick1" && ok || bad "tick queued the escalation: $(cat "$DIR/tick1")"
"$BOT" tick -c "$DIR/bot.ini" --now "$(TZ=Asia/Shanghai date -d @"$NOW" --iso-8601=seconds)" > "$DIR/tick2"
[ ! -s "$DIR/tick2" ] && ok || bad "a second tick at the same NOW queued again"
wait_log() { # wait_log PATTERN COUNT
    i=0
    while :; do
        c=$(grep -c -- "$1" "$DIR/mock.log" 2>/dev/null); c=${c:-0}
        [ "$c" -ge "$2" ] && return 0
        i=$((i+1)); [ $i -gt 150 ] && return 1; sleep 0.1
    done
    return 0
}
wait_log '"path": "/send_group_msg"' 1 && ok || bad "escalation did not reach the mock"
grep '/send_group_msg' "$DIR/mock.log" | grep -q '123456789' && ok || bad "wrong group"
grep '/send_group_msg' "$DIR/mock.log" | grep -q 'Bearer obtoken' && ok || bad "access token not sent"

# the mock goes down: the push waits, and is delivered once it is back
stop_mock
onebot "$(ev 10 222 5550003 ' 求助 明天上午9点帮我修水管 1小时')"
"$BOT" tick -c "$DIR/bot.ini" --now "$(TZ=Asia/Shanghai date -d @"$NOW" --iso-8601=seconds)" >/dev/null
sleep 2.5
"$BOT" outbox -c "$DIR/bot.ini" > "$DIR/ob"
grep '"chat":"222"' "$DIR/ob" | grep -q '"status":"pending"' && ok || bad "push not pending while the mock is down: $(cat "$DIR/ob")"
grep '"chat":"222"' "$DIR/ob" | grep -q '"last_error"' && ok || bad "no last_error kept"
start_mock
wait_log 'group_id\\":222' 1 && ok || { bad "push lost after the mock came back"; "$BOT" outbox -c "$DIR/bot.ini"; cat "$DIR/mock.log"; }

# rate limit: four escalations to one group, two a minute
for k in 1 2 3 4; do onebot "$(ev $((20+k)) 777 $((5550010+k)) " 求助 明天上午9点帮我买菜 1小时")"; done
"$BOT" tick -c "$DIR/bot.ini" --now "$(TZ=Asia/Shanghai date -d @"$NOW" --iso-8601=seconds)" >/dev/null
sleep 3
n777=$(grep '/send_group_msg' "$DIR/mock.log" | grep -c 'group_id\\":777')
[ "$n777" -eq 2 ] && ok || bad "per-chat limit: $n777 pushes to group 777 in 3 s, want 2"

# telegram
tg() { curl -s -o "$DIR/body" -w '%{http_code}' -H "X-Telegram-Bot-Api-Secret-Token: $1" -H 'Content-Type: application/json' --data-binary "$2" "http://127.0.0.1:$PORT/hook/telegram" > "$DIR/status"; }
U='{"update_id":900000001,"message":{"message_id":57,"from":{"id":5111222333444,"is_bot":false,"first_name":"Ann"},"chat":{"id":5111222333444,"type":"private"},"date":1763900000,"text":"/balance"}}'
tg wrong "$U"; check "telegram wrong secret" 403 'error'
tg tgsecret "$U"; check "telegram balance" 200 '"method":"sendMessage","chat_id":5111222333444'
tg tgsecret '{"update_id":"x"}'; check "telegram malformed" 400 'error'

# wechat
sig() { python3 -c 'import hashlib,sys; print(hashlib.sha1("".join(sorted(sys.argv[1:])).encode()).hexdigest())' wxtoken "$1" "$2"; }
# the signature's timestamp must be within [wechat] max_skew_seconds of now, and a nonce is good once
NOW=$(date +%s)
S=$(sig "$NOW" n1)
curl -s -o "$DIR/body" -w '%{http_code}' "http://127.0.0.1:$PORT/hook/wechat?signature=$S&timestamp=$NOW&nonce=n1&echostr=hello123" > "$DIR/status"
check "wechat echostr" 200 '^hello123$'
curl -s -o "$DIR/body" -w '%{http_code}' "http://127.0.0.1:$PORT/hook/wechat?signature=bad&timestamp=$NOW&nonce=n1&echostr=x" > "$DIR/status"
check "wechat bad signature" 403 'error'
X='<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[oUser7]]></FromUserName><CreateTime>1763900000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[查积分]]></Content><MsgId>99887766</MsgId></xml>'
S=$(sig "$NOW" n2)
curl -s -o "$DIR/body" -w '%{http_code}' --data-binary "$X" "http://127.0.0.1:$PORT/hook/wechat?signature=$S&timestamp=$NOW&nonce=n2" > "$DIR/status"
check "wechat passive reply" 200 '<ToUserName><!\[CDATA\[oUser7\]\]></ToUserName>'
grep -q '余额' "$DIR/body" && ok || bad "wechat reply content: $(cat "$DIR/body")"
S=$(sig "$NOW" n3)
curl -s -o "$DIR/body" -w '%{http_code}' --data-binary '<!DOCTYPE xml [<!ENTITY a "b">]><xml><Content>&a;</Content></xml>' "http://127.0.0.1:$PORT/hook/wechat?signature=$S&timestamp=$NOW&nonce=n3" > "$DIR/status"
check "wechat DOCTYPE refused" 400 'DOCTYPE'

stop_serve
stop_mock
finish e2e-platforms
