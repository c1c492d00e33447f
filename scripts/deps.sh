#!/bin/sh
# Install the Debian packages the bot needs, only those that are missing.
# Runs apt-get directly as root, through sudo otherwise.
set -e
PKGS="build-essential pkg-config curl python3 libcivetweb-dev libjansson-dev libsqlite3-dev
libpcre2-dev libcurl4-openssl-dev libcmocka-dev libexpat1-dev libssl-dev libopencc-dev libpq-dev
libopencc-data libinih-dev chromium chromium-driver fonts-wqy-microhei"
[ -n "$BOT_EXTRA_PKGS" ] && PKGS="$PKGS $BOT_EXTRA_PKGS"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps: installing$missing"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq $missing
