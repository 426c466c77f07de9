#!/usr/bin/env bash
# Regenerates the holiday table from python-holidays (pinned here; raise it for a new year).
set -euo pipefail
cd "$(dirname "$0")/.."
HOLIDAYS_VERSION=0.109
venv=.tools/calendar-venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install --quiet "holidays==$HOLIDAYS_VERSION"
"$venv/bin/python" scripts/gen_calendars.py > src/engine/calendar/data.rs
echo "wrote src/engine/calendar/data.rs; review the diff and commit it"
