#!/usr/bin/env bash
# A persistent OS keychain for a machine without a desktop (a server, WSL, a container): a D-Bus
# session with GNOME Keyring in it, its login keyring kept on disk under your data folder
# ($XDG_DATA_HOME/keyrings, default ~/.local/share/keyrings) and unlocked once, from a prompt.
#
#   scripts/headless-keyring.sh                  # a shell with the keyring unlocked: run npm start, npx lapse … in it
#   scripts/headless-keyring.sh npm start        # one command inside the session
#   scripts/headless-keyring.sh --password-stdin CMD…   # the password on stdin's first line (no terminal)
#
# The first run creates the keyring with the password you choose; later runs unlock it with that
# password, so tokens stored in one session are there in the next. When the command (or the shell)
# ends, the session ends and the keyring locks again. Nothing here is a throw-away keyring: for
# tests, scripts/with-keychain.sh makes one of those.
set -euo pipefail

say() { printf 'headless-keyring: %s\n' "$*" >&2; }

password_stdin=0
if [[ "${1:-}" == "--password-stdin" ]]; then
  password_stdin=1
  shift
fi
if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
  sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi

missing=()
command -v dbus-run-session >/dev/null || missing+=(dbus)
command -v dbus-send >/dev/null || missing+=(dbus)
command -v gnome-keyring-daemon >/dev/null || missing+=(gnome-keyring)
if [[ ${#missing[@]} -gt 0 ]]; then
  say "missing: ${missing[*]}. Install them, then run this again:"
  say "  sudo apt-get install -y dbus gnome-keyring libsecret-tools     # Debian, Ubuntu, WSL"
  say "  sudo dnf install -y dbus-daemon gnome-keyring libsecret        # Fedora"
  exit 2
fi

bus_ask() {
  dbus-send --session --print-reply "$@" 2>/dev/null
}
service_running() {
  bus_ask --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets | grep -q 'boolean true'
}
default_locked() {
  # No default collection yet counts as unlocked: the first write creates it.
  bus_ask --dest=org.freedesktop.secrets /org/freedesktop/secrets/aliases/default \
    org.freedesktop.DBus.Properties.Get string:org.freedesktop.Secret.Collection string:Locked | grep -q 'boolean true'
}
run_command() {
  if [[ $# -eq 0 ]]; then
    say "the keyring is unlocked in this shell; run npm start or npx lapse … here. Exit the shell to end the session."
    exec "${SHELL:-/bin/bash}" -i
  fi
  exec "$@"
}

# Already inside a session whose keyring is unlocked (a desktop, or a shell this script started).
if [[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ]] && service_running && ! default_locked; then
  run_command "$@"
fi

# No session bus: start a private one for the command, and come back here inside it.
if [[ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]]; then
  args=()
  [[ $password_stdin -eq 1 ]] && args+=(--password-stdin)
  # dbus-daemon may print "Failed to set fd limit": harmless.
  exec dbus-run-session -- "$0" "${args[@]}" "$@"
fi

if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]] && service_running; then
  say "your desktop's keyring is locked: unlock it in its keyring app (e.g. Seahorse, \"Passwords and Keys\"), then run the command again."
  exit 2
fi

# The daemon keeps its control socket in XDG_RUNTIME_DIR; a session without one gets a private folder.
if [[ -z "${XDG_RUNTIME_DIR:-}" || ! -d "${XDG_RUNTIME_DIR}" ]]; then
  XDG_RUNTIME_DIR="$(mktemp -d -t lapse-runtime.XXXXXX)"
  chmod 700 "$XDG_RUNTIME_DIR"
  export XDG_RUNTIME_DIR
fi
data_dir="${XDG_DATA_HOME:-$HOME/.local/share}"
keyring_file="$data_dir/keyrings/login.keyring"

read_password() {
  local prompt="$1" value
  if [[ $password_stdin -eq 1 ]]; then
    IFS= read -r value || true
  elif [[ -t 0 ]]; then
    IFS= read -rsp "$prompt" value </dev/tty
    printf '\n' >/dev/tty
  else
    say "no terminal to ask for the keyring password on; pass it with --password-stdin."
    exit 2
  fi
  printf '%s' "$value"
}

if [[ -e "$keyring_file" ]]; then
  password="$(read_password "Keyring password (unlocks $keyring_file): ")"
else
  say "no keyring yet at $keyring_file: choose a password for it (you will give it at each start)."
  password="$(read_password "New keyring password: ")"
  if [[ $password_stdin -eq 0 ]]; then
    again="$(read_password "The same password again: ")"
    if [[ "$password" != "$again" ]]; then
      say "the two passwords differ; nothing was created. Run this again."
      exit 2
    fi
  fi
  if [[ -z "$password" ]]; then
    say "an empty password would leave the keyring file readable by anyone who can read your home folder; choose one."
    exit 2
  fi
fi

# --replace: a daemon this session started (or D-Bus activated, locked) gives way to the unlocked one.
printf '%s' "$password" | gnome-keyring-daemon --replace --unlock --components=secrets >/dev/null 2>&1
unset password again
for _ in $(seq 1 50); do
  service_running && break
  sleep 0.1
done
if ! service_running; then
  say "GNOME Keyring did not start within 5 s. Check with: npx lapse doctor"
  exit 2
fi
if default_locked; then
  say "that password does not unlock $keyring_file; run this again with the right one."
  say "(Forgotten it? Move the file aside — the secrets in it are lost — and run this again to make a new keyring.)"
  exit 2
fi
run_command "$@"
