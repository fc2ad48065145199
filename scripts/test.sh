#!/usr/bin/env bash
# `npm test`: everything a fresh machine needs, then every check, against a real keychain and a real browser.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
step() { echo; echo "── $* ($(( $(date +%s) - start )) s)"; }

step "system packages"
bash scripts/system-packages.sh
step "npm packages and build"
node scripts/setup.js
step "lint"
npx eslint . --max-warnings 0
npx prettier --check . --log-level warn
step "typecheck"
npm run typecheck --silent
step "unit tests (real gnome-keyring in a private D-Bus session)"
scripts/with-keychain.sh npx vitest run
step "end-to-end tests (Debian's Chromium driving the browser shell)"
scripts/with-keychain.sh npx playwright test
step "benchmarks (figures printed, not gated; they run in a private keychain session)"
scripts/with-keychain.sh bash scripts/bench.sh
step "done"
