#!/usr/bin/env bash
# Installs what ShipCheck builds and tests with, and skips what is already there, so a second
# run costs a few version checks. Usage: scripts/setup.sh build|test
#   build: the wasm32 target, trunk, wasm-bindgen-cli (the version Cargo.lock pins), wasm-opt
#   test:  all of that, plus Chromium, ChromeDriver and the end-to-end test's npm packages
# Where something cannot be installed (no root, no apt, no npm), it stops and says what to
# install by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

what=${1:-test}
TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132

step() { printf '\033[1msetup:\033[0m %s\n' "$*" >&2; }
by_hand() {
  printf 'setup: cannot install %s here.\n  Install it by hand: %s\n  then run this command again.\n' "$1" "$2" >&2
  exit 1
}
have() { command -v "$1" >/dev/null 2>&1; }

have cargo || by_hand "Rust" "https://rustup.rs (rustup, with the stable toolchain)"

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  step "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
  step "installing trunk $TRUNK_VERSION (a one-time build of about 9 minutes)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

# wasm-bindgen-cli must be the exact version of the wasm-bindgen crate in Cargo.lock.
bindgen_version=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $bindgen_version"; then
  step "installing wasm-bindgen-cli $bindgen_version"
  # Not --locked: some of the CLI's locked dependencies are not in the registry this machine uses.
  cargo install wasm-bindgen-cli --version "$bindgen_version"
fi

have npm || by_hand "npm" "Node.js 20 or later with npm (Debian: apt-get install nodejs npm)"

if ! wasm-opt --version 2>/dev/null | grep -q "version $BINARYEN_VERSION"; then
  step "installing wasm-opt (npm binaryen@$BINARYEN_VERSION) into .tools/"
  npm install --prefix "$SHIPCHECK_TOOLS" --no-save --no-audit --no-fund --loglevel=error "binaryen@$BINARYEN_VERSION"
fi

if [ "$what" = build ]; then exit 0; fi

# Debian packages, as root or with sudo; otherwise what to install by hand.
apt_install() {
  local what=$1 advice=$2
  shift 2
  if [ "$(id -u)" = 0 ] && have apt-get; then
    step "installing Debian's $*"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  elif have sudo && have apt-get && sudo -n true 2>/dev/null; then
    step "installing Debian's $* (sudo)"
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    by_hand "$what" "$advice"
  fi
}

if [ ! -x "$CHROMIUM" ] || [ ! -x "$CHROMEDRIVER" ]; then
  apt_install "Chromium and ChromeDriver" \
    "sudo apt-get install chromium chromium-driver (or set CHROMIUM and CHROMEDRIVER to your own)" \
    chromium chromium-driver
fi

# The end-to-end tests measure Chinese text (nothing of a board's line is cut off), and Chromium
# brings no font with its characters: without one it would measure empty boxes.
if ! { have fc-list && fc-list :lang=zh | grep -q .; }; then
  apt_install "a Chinese font" "sudo apt-get install fonts-noto-cjk" fonts-noto-cjk
fi

e2e=tests/e2e
if [ ! -f "$e2e/node_modules/.package-lock.json" ] || [ "$e2e/package-lock.json" -nt "$e2e/node_modules/.package-lock.json" ]; then
  step "installing the end-to-end test's npm packages"
  # Playwright drives the system Chromium; it must not try to download browsers of its own.
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix "$e2e" --no-audit --no-fund --loglevel=error
fi
