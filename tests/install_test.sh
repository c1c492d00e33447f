#!/bin/sh
# install_test.sh — make install DESTDIR=tmp, then the installed binary answers `bot say` on the installed bot.ini.
# usage: install_test.sh MAKE BUILD
MAKE=${1:-make}
B=${2:-build}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
ok() { if eval "$2"; then :; else echo "FAIL [install]: $1"; fail=1; fi; }
$MAKE -s install BUILD="$B" DESTDIR="$T" >"$T.log" 2>&1 || { cat "$T.log"; echo "FAIL [install]: make install"; exit 1; }
ok "the binary" '[ -x "$T/usr/local/bin/timebank-bot" ]'
ok "bot.ini" '[ -f "$T/etc/timebank-bot/bot.ini" ]'
ok "services.txt" '[ -f "$T/usr/local/share/timebank-bot/services.txt" ]'
ok "the console's files" '[ -n "$(ls "$T/usr/local/share/timebank-bot/static")" ]'
ok "the unit" 'grep -q "^ExecStart=/usr/local/bin/timebank-bot serve -c /etc/timebank-bot/bot.ini$" "$T/etc/systemd/system/timebank-bot.service"'
ok "the unit's hardening" 'for k in NoNewPrivileges=yes ProtectSystem=strict ReadWritePaths=/var/lib/timebank-bot PrivateTmp=yes ProtectHome=yes Restart=on-failure Type=simple User=timebank-bot WorkingDirectory=/var/lib/timebank-bot; do grep -q "^$k" "$T/etc/systemd/system/timebank-bot.service" || exit 1; done'
ok "the installed paths" 'grep -q "^path = /var/lib/timebank-bot/timebank.db" "$T/etc/timebank-bot/bot.ini" &&
  grep -q "^services_file = /usr/local/share/timebank-bot/services.txt" "$T/etc/timebank-bot/bot.ini" &&
  grep -q "^static_dir = /usr/local/share/timebank-bot/static" "$T/etc/timebank-bot/bot.ini"'
if command -v systemd-analyze >/dev/null 2>&1; then
  # under DESTDIR the binary is not at its final path yet: that one complaint is expected
  systemd-analyze verify "$T/etc/systemd/system/timebank-bot.service" >"$T/verify" 2>&1
  ok "systemd-analyze verify: $(grep -v "is not executable" "$T/verify")" '! grep -v "is not executable" "$T/verify" | grep -q "timebank-bot.service"'
fi
# the installed binary on the installed ini, its paths moved under $T for the test
sed -e "s#/var/lib/#$T/var/lib/#" -e "s#/usr/local/#$T/usr/local/#" "$T/etc/timebank-bot/bot.ini" > "$T/run.ini"
out=$(cd / && "$T/usr/local/bin/timebank-bot" say -c "$T/run.ini" --from u1 "求助 明天上午9点陪我去社区医院 2小时" 2>&1)
ok "bot say with the installed ini: $out" 'echo "$out" | grep -q "^已发布求助 #1：陪诊"'
ok "the store in the state directory" '[ -f "$T/var/lib/timebank-bot/timebank.db" ]'
ok "bot audit" '(cd / && "$T/usr/local/bin/timebank-bot" audit -c "$T/run.ini") | grep -q "audit: ok"'
# a second install keeps the operator's bot.ini
echo "; mine" >> "$T/etc/timebank-bot/bot.ini"
$MAKE -s install BUILD="$B" DESTDIR="$T" >"$T.log" 2>&1 || { cat "$T.log"; fail=1; }
ok "bot.ini kept on a second install" 'tail -1 "$T/etc/timebank-bot/bot.ini" | grep -q "; mine"'
$MAKE -s uninstall DESTDIR="$T" >"$T.log" 2>&1 || { cat "$T.log"; fail=1; }
ok "uninstall removes the binary, the data and the unit" '[ ! -e "$T/usr/local/bin/timebank-bot" ] && [ ! -e "$T/usr/local/share/timebank-bot" ] && [ ! -e "$T/etc/systemd/system/timebank-bot.service" ]'
ok "uninstall keeps bot.ini and the store" '[ -f "$T/etc/timebank-bot/bot.ini" ] && [ -f "$T/var/lib/timebank-bot/timebank.db" ]'
rm -f "$T.log"
[ $fail = 0 ] && echo "install: ok"
exit $fail
