#!/bin/sh
# Installs the Debian packages the benchmarks and browser tests use (nginx-light: the reference proxy; wrk: the load
# generator; chromium: the browser the dashboard's playwright-core tests drive, never a downloaded one), only
# when one is missing and we run as root with apt-get; otherwise says what is missing and exits 0 (benchmarks
# measure what they can without them). Idempotent: when both commands are present it returns at once.
set -eu

missing=""
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$missing nginx-light"
command -v wrk >/dev/null 2>&1 || missing="$missing wrk"
[ -x /usr/bin/chromium ] || missing="$missing chromium"

if [ -z "$missing" ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-debian-deps: missing:$missing (not root or no apt-get; benchmarks skip what needs them, browser tests fail)" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
