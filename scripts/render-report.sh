#!/usr/bin/env bash
# Renders a claims report to PNG with headless Chromium, to look at it as a reader would.
#   scripts/render-report.sh report.html [report.png] [width] [height]
# Check a change at a desktop and a phone width:
#   scripts/render-report.sh report.html wide.png 1280 5000
#   scripts/render-report.sh report.html phone.png 390 12000
# Needs Chromium and, for Chinese text, a CJK font (Debian: apt-get install chromium
# fonts-noto-cjk). The page loads nothing from the network.
set -euo pipefail
html=${1:?usage: scripts/render-report.sh report.html [out.png] [width] [height]}
png=${2:-${html%.html}.png}
width=${3:-1100}
height=${4:-3000}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$browser" ] || { echo "error: no Chromium found: apt-get install chromium" >&2; exit 1; }
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --default-background-color=ffffffff \
  --window-size="$width,$height" --screenshot="$(realpath -m "$png")" "file://$(realpath "$html")" 2>/dev/null
echo "wrote $png"
