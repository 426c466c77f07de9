#!/usr/bin/env bash
# Runs every check and test ShipCheck has, in three layers, and ends with one summary line:
#   lint       cargo fmt --check; clippy -D warnings, natively and for wasm32
#   native     cargo test: the engine's unit tests, its worker's protocol, the CLI's integration tests
#   component  wasm-bindgen-test in headless Chromium: the app mounted in a real page
#   end-to-end the release build served statically, driven in headless Chromium by Playwright
# Every stage runs even when an earlier one fails, so one run shows everything that is wrong;
# the exit status is non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test || exit 1
source scripts/env.sh

logs=target/test-logs
mkdir -p "$logs"
passed=0
failed=0
failed_stages=()

# count LOG: adds the passed/failed counts test runners printed in LOG; prints "P F".
count() {
  local p f
  # cargo test and wasm-bindgen-test: "test result: ok. 12 passed; 0 failed; ..."
  p=$(grep -oE '[0-9]+ passed;' "$1" | awk '{ s += $1 } END { print s + 0 }')
  f=$(grep -oE '[0-9]+ failed;' "$1" | awk '{ s += $1 } END { print s + 0 }')
  # Playwright's list reporter: "  5 passed (3.2s)" and "  1 failed"
  p=$((p + $(grep -oE '^ +[0-9]+ passed' "$1" | awk '{ s += $1 } END { print s + 0 }')))
  f=$((f + $(grep -oE '^ +[0-9]+ failed' "$1" | awk '{ s += $1 } END { print s + 0 }')))
  echo "$p $f"
}

# stage NAME KIND COMMAND...: KIND "check" counts as one test; "tests" counts what the runner
# reports, and a failing run that reported no failure (say, a compile error) counts as one.
stage() {
  local name=$1 kind=$2
  shift 2
  printf '\n\033[1m== %s\033[0m: %s\n' "$name" "$*"
  "$@" 2>&1 | tee "$logs/$name.log"
  local status=${PIPESTATUS[0]} p=1 f=0
  if [ "$kind" = tests ]; then read -r p f < <(count "$logs/$name.log"); fi
  if [ "$status" -ne 0 ]; then
    [ "$kind" = check ] && p=0
    [ "$f" -eq 0 ] && f=1
    failed_stages+=("$name")
  fi
  passed=$((passed + p))
  failed=$((failed + f))
}

stage fmt check cargo fmt --all --check
stage clippy-native check cargo clippy --workspace --all-targets --locked -- -D warnings
stage clippy-wasm check cargo clippy -p shipcheck -p shipcheck-worker --all-targets --locked --target wasm32-unknown-unknown -- -D warnings
stage native tests cargo test --workspace --locked
# The runner's default of 20 s for the whole file is less than the leak test's hundred mounts
# take in a debug build.
export WASM_BINDGEN_TEST_TIMEOUT=300
stage component tests cargo test --locked --target wasm32-unknown-unknown -p shipcheck --test component
stage release-build check trunk build --release --locked
stage end-to-end tests npm --prefix tests/e2e test

echo
if [ ${#failed_stages[@]} -gt 0 ]; then echo "failed stages: ${failed_stages[*]}"; fi
echo "total: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
