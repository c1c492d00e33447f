#!/bin/sh
# Run a command against a throwaway PostgreSQL 15 cluster: initdb + pg_ctl in a temp dir, unix socket only, BOT_PG_URL set.
#
#   sh scripts/pg.sh CMD [ARG...]     e.g. sh scripts/pg.sh build/tests/skills_store_test
#
# Installs Debian's postgresql and libpq-dev when missing (scripts/deps.sh, BOT_EXTRA_PKGS). The cluster lives in
# a fresh mktemp directory, listens on no TCP port (listen_addresses = ''), only on a socket in that directory, and
# trusts local connections (nobody else can reach the 0700 directory). Run as root, the server runs as `nobody`
# (initdb and postgres refuse root); otherwise as the caller. The database is `bot`, its owner the role `bot`.
# The cluster is stopped (immediate) and its directory removed at the end, whether CMD passed, failed or was
# interrupted; the exit status is CMD's. Throwaway settings: fsync = off and full_page_writes = off (only an OS
# crash could lose data, and the cluster dies with the run); synchronous_commit stays on, as in production.
# BOT_PG_DURABLE=1 keeps fsync and full_page_writes on (make bench measures durable writes with it).
set -eu
[ $# -ge 1 ] || { echo "usage: $0 CMD [ARG...]" >&2; exit 2; }
here=$(dirname "$0")
BOT_EXTRA_PKGS="postgresql libpq-dev" sh "$here/deps.sh"

bindir=""
for v in 15 16 17; do
    [ -x /usr/lib/postgresql/$v/bin/pg_ctl ] && { bindir=/usr/lib/postgresql/$v/bin; break; }
done
[ -n "$bindir" ] || { echo "pg.sh: no /usr/lib/postgresql/*/bin/pg_ctl" >&2; exit 2; }

dir=$(mktemp -d /tmp/botpg.XXXXXX)
as=""
if [ "$(id -u)" -eq 0 ]; then
    chown nobody "$dir"
    as="runuser -u nobody --"
fi
chmod 700 "$dir"
started=0
cleanup() {
    if [ "$started" = 1 ]; then
        $as "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

$as "$bindir/initdb" -D "$dir/data" -U bot --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = ''
unix_socket_directories = '$dir'
max_connections = 60
EOF
if [ "${BOT_PG_DURABLE:-0}" != 1 ]; then
    printf 'fsync = off\nfull_page_writes = off\n' >>"$dir/data/postgresql.conf"
fi
started=1
$as "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start >/dev/null ||
    { cat "$dir/server.log" >&2; exit 1; }
$as "$bindir/createdb" -h "$dir" -U bot bot
BOT_PG_URL="postgresql:///bot?host=$dir&user=bot"
export BOT_PG_URL
echo "pg.sh: PostgreSQL $("$bindir/postgres" --version | awk "{print \$3}") at $BOT_PG_URL" >&2
rc=0
"$@" || rc=$?
exit $rc
