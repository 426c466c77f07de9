# Sourced by the project's scripts: where the tools live. Each can be overridden from outside.
SHIPCHECK_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export SHIPCHECK_TOOLS=${SHIPCHECK_TOOLS:-$SHIPCHECK_ROOT/.tools}
export PATH="$HOME/.cargo/bin:$SHIPCHECK_TOOLS/node_modules/.bin:$PATH"
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
