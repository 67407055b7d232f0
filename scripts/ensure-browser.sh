#!/usr/bin/env bash
# Makes sure Playwright has a Chromium to drive before the end-to-end tests:
# CHROMIUM_PATH or /usr/bin/chromium if present; else Playwright's own download;
# else Debian's chromium via apt-get (root or sudo). Fails with what to do otherwise.
set -uo pipefail
if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then exit 0; fi
if [ -x /usr/bin/chromium ]; then exit 0; fi
if npx playwright install chromium >/dev/null 2>&1; then exit 0; fi
SUDO=""
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO="sudo"
if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" -eq 0 ] || [ -n "$SUDO" ]; }; then
  echo "[e2e] installing Debian's chromium for the end-to-end tests"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null && exit 0
fi
echo "[e2e] no Chromium found: install one (apt-get install chromium) or set CHROMIUM_PATH" >&2
exit 1
