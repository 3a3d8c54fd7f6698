#!/usr/bin/env bash
# Times `claims extract` on the two seed transcripts (release build, whole processes):
# median of 20 runs after 3 warm-ups, and peak memory. Needs hyperfine (Debian: apt-get install hyperfine).
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=examples/interview
swift build -c release --product claims >/dev/null
bin=.build/release/claims
out=$(mktemp -d)
hyperfine -N -w 3 -r 20 --style none --export-json "$out/t.json" \
  "$bin extract $seeds/interview-zh.md --lang zh" \
  "$bin extract $seeds/interview-zh.md --lang en" \
  "$bin extract $seeds/interview-en.txt --said-on 2025-10-23" >/dev/null 2>&1
python3 - "$out/t.json" <<'PY'
import json, statistics, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"{statistics.median(r['times'])*1000:8.1f} ms median  {r['command'].split('/')[-1]}")
PY
for args in "$seeds/interview-zh.md --lang zh" "$seeds/interview-en.txt --said-on 2025-10-23"; do
  kb=$(/usr/bin/time -f %M "$bin" extract $args 2>&1 >/dev/null | tail -1)
  echo "peak memory $((kb / 1024)) MB  extract ${args##*/}"
done
