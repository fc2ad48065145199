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
password="lapse-test-$RANDOM$RANDOM"
start_keyring() { printf '%s' "$password" | gnome-keyring-daemon "$@" --unlock --components=secrets >/dev/null; }
keyring_pid() {
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets 2>/dev/null | sed -n 's/.*uint32 \([0-9]*\).*/\1/p' || true
}
start_keyring
# Wait until the Secret Service owns its name, so no client makes D-Bus start a second, locked daemon.
for _ in $(seq 1 50); do
  pid="$(keyring_pid)"
  [[ -n "$pid" ]] && break
  sleep 0.1
done
if [[ -z "${pid:-}" ]]; then
  echo "with-keychain: the Secret Service did not start within 5 s" >&2
  exit 2
fi

# A keyring daemon that exits mid-run is replaced at once by the one D-Bus activates, and that one
# is locked (no password to unlock it with): every later test would fail "keychain locked". Watch it,
# say so loudly, and put an unlocked one (same password, same keyring file, so entries survive) back.
(
  while sleep 0.2; do
    now="$(keyring_pid)"
    if [[ "$now" != "$pid" ]]; then
      echo "with-keychain: the keyring daemon (pid $pid) is gone (now: ${now:-none}); restarting it unlocked. Tests calling the keychain at this moment may fail." >&2
      start_keyring --replace 2>/dev/null
      sleep 0.5
      pid="$(keyring_pid)"
    fi
  done
) &
watchdog=$!
status=0
"$@" || status=$?
kill "$watchdog" 2>/dev/null || true
exit "$status"
