#!/usr/bin/env bash
# Fuzzes the time-phrase reader and the claim-file reader with libFuzzer (-sanitize=fuzzer).
#   scripts/fuzz.sh [seconds per harness, default 300]
# Crashing inputs land in .build-fuzz/artifacts/; copy each into Tests/Fuzz/regressions/<harness>/
# once fixed, and ClaimsFormatsTests/FuzzRegressionTests replays it on every test run.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
scratch=.build-fuzz
mkdir -p $scratch/artifacts $scratch/corpus/time-phrases $scratch/corpus/claim-file
for h in time-phrases claim-file; do
  swift build -c release --sanitize=fuzzer -Xswiftc -DFUZZING --product fuzz-$h --scratch-path $scratch >/dev/null
done
# Seeds: the spec's phrases, the seed transcripts' turns, the claim files and draft goldens.
python3 - <<'PY'
import re, os
out = ".build-fuzz/corpus/time-phrases"
spec = open("docs/conventions.md").read() if os.path.exists("docs/conventions.md") else ""
for i, m in enumerate(re.findall(r'"([^"\n]{1,80})"', spec)): open(f"{out}/spec{i}", "w").write(m.strip())
for name in ("interview-en.txt", "interview-zh.md"):
    p = "examples/interview/" + name
    if os.path.exists(p):
        for i, l in enumerate(open(p).read().split("\n")[:60]): open(f"{out}/{name}{i}", "w").write(l[:2000])
PY
cp claims/*.yaml Tests/Goldens/*.yaml Tests/Corpus/import/*.yaml $scratch/corpus/claim-file/
cp Tests/Fuzz/regressions/time-phrases/* $scratch/corpus/time-phrases/ 2>/dev/null || true
cp Tests/Fuzz/regressions/claim-file/* $scratch/corpus/claim-file/ 2>/dev/null || true
for h in time-phrases claim-file; do
  echo "fuzzing $h for $seconds s"
  $scratch/release/fuzz-$h $scratch/corpus/$h -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix=$scratch/artifacts/$h- -print_final_stats=1 2>&1 | grep -E "^(stat::|==|Done|SUMMARY|INFO: A corpus)" || true
done
ls $scratch/artifacts
