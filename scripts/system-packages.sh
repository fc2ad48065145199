#!/usr/bin/env bash
# Installs the Debian packages the tests need (a real keychain, a real browser), if any are missing.
set -euo pipefail
needed=()
command -v dbus-run-session >/dev/null || needed+=(dbus dbus-x11)
command -v gnome-keyring-daemon >/dev/null || needed+=(gnome-keyring)
command -v secret-tool >/dev/null || needed+=(libsecret-tools)
[[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]] || needed+=(chromium)
command -v rg >/dev/null || needed+=(ripgrep)
[[ ${#needed[@]} -eq 0 ]] && exit 0

echo "lapse test: installing ${needed[*]}" >&2
if ! command -v apt-get >/dev/null; then
  echo "lapse test: missing ${needed[*]} and no apt-get here; install them with your package manager." >&2
  exit 2
fi
sudo=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "lapse test: need root (or sudo) to install ${needed[*]}" >&2; exit 2; }
  sudo="sudo"
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
