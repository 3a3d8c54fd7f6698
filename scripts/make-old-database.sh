#!/usr/bin/env bash
# Made Tests/Fixtures/claims-schema-0001.sqlite: a database written by the first released schema
# (migration 0001_initial), with the interview's claims and a history of edits, forecasts and
# resolution revisions. It is kept as it was made, so that tests prove later versions of claims
# open, migrate and keep everything in it. Do not run this again to "update" the fixture: a new
# schema gets a new fixture beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
out=Tests/Fixtures/claims-schema-0001.sqlite
[ ! -e "$out" ] || { echo "$out exists: fixtures are never remade" >&2; exit 1; }
swift build --product claims >/dev/null
bin=.build/debug/claims
export CLAIMS_DB="$PWD/$out" CLAIMS_AUTHOR=fixture
$bin import claims/ >/dev/null
$bin edit schrittwieser-2026-whole-day-autonomy --notes "Fixture edit: a second version." --reason "fixture history" >/dev/null
$bin forecast schrittwieser-2026-whole-day-autonomy --probability 35% --forecaster "Fixture Forecaster" --on 2025-11-01 --note "fixture" >/dev/null
# Fixture resolutions exercise the schema; they are not claims about the world.
$bin resolve schrittwieser-2026-mid-all-day-agents --outcome false --settled-on 2026-06-30 --evidence https://example.org/fixture --note "fixture resolution, not a real outcome" >/dev/null
$bin resolve schrittwieser-2026-mid-all-day-agents --outcome annulled --settled-on 2026-07-01 --note "fixture amendment" >/dev/null
$bin verify
