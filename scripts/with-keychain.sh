#!/usr/bin/env bash
# Run a command inside a private D-Bus session with a fresh, unlocked gnome-keyring.
# Usage: scripts/with-keychain.sh COMMAND [ARGS…]
# Nothing from the user's own keyring is touched: XDG dirs point into a temporary folder.
set -euo pipefail

if [[ "${LAPSE_IN_KEYCHAIN_SESSION:-}" != "1" ]]; then
  for tool in dbus-run-session gnome-keyring-daemon dbus-send; do
    command -v "$tool" >/dev/null || { echo "with-keychain: $tool is missing; install: apt-get install -y dbus dbus-x11 gnome-keyring libsecret-tools" >&2; exit 2; }
  done
  scratch="$(mktemp -d -t lapse-keychain.XXXXXX)"
  trap 'rm -rf "$scratch"' EXIT
  mkdir -p "$scratch/data" "$scratch/runtime"
  chmod 700 "$scratch/runtime"
  export XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/runtime" LAPSE_IN_KEYCHAIN_SESSION=1
  # dbus-daemon may print "Failed to set fd limit": harmless.
  status=0
  dbus-run-session -- "$0" "$@" || status=$?
  exit "$status"
fi

# Inside the private session bus: start and unlock the keyring with a throw-away password.
printf 'lapse-test-%s' "$RANDOM$RANDOM" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
# Wait until the Secret Service owns its name, so no client makes D-Bus start a second, locked daemon.
for _ in $(seq 1 50); do
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; then
    exec "$@"
  fi
  sleep 0.1
done
echo "with-keychain: the Secret Service did not start within 5 s" >&2
exit 2
