#!/usr/bin/env bash
# Remake the screenshots in docs/: the HTML report of the dev pages and `explain` of a seed.
# Needs chromium and aha (Debian: apt-get install chromium aha). Run from the repository root.
set -euo pipefail
out=$(mktemp -d)
pages=../shared/devset/page.jsonl
[ -f "$pages" ] || pages=seeds
if [ -d "$pages" ]; then set -- "$pages"/*.txt; else set -- "$pages"; fi
cleanwire -q "$@" -o "$out/clean.jsonl" || true  # exit 1 when some records became error records
cleanwire report "$out/clean.jsonl" -o "$out/report.html" --title "cleanwire report: $(basename "$pages")"
cleanwire explain seeds/000_c581838d9bd7d40b.txt --color \
    | aha --black --title "cleanwire explain" | sed 's/<pre>/<pre style="white-space:pre-wrap">/' > "$out/explain.html"
shoot() { chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$out/profile" \
    --screenshot="$1" --window-size="$2" "file://$3" 2>/dev/null; }
shoot docs/report.png 1280,1500 "$out/report.html"
shoot docs/explain.png 1100,720 "$out/explain.html"
rm -rf "$out"
