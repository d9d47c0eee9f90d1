#!/usr/bin/env bash
# Renders the reproduce report in headless Chromium and fails when an image does not load
# (naturalWidth == 0) or an anchor the report must have is missing (the summary, the contents
# and every section id listed in results.json).
#
# Usage: xtask/check_report.sh [REPORT_DIR]
#   REPORT_DIR holds index.html and results.json; default: the quick report the xtask
#   integration test writes, <target>/tmp/reproduce-quick (generated with
#   `cargo run -p xtask -- reproduce --quick` when it is not there).
# Needs `chromium` (Debian's package) on PATH, or CHROMIUM=/path/to/chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

target=${CARGO_TARGET_DIR:-target}
dir=${1:-$target/tmp/reproduce-quick}
if [ ! -f "$dir/index.html" ]; then
    echo "no report in $dir: running xtask reproduce --quick"
    cargo run --quiet -p xtask -- reproduce --quick --threads 2 --out "$dir"
fi
[ -f "$dir/results.json" ] || { echo "FAIL: $dir/results.json missing"; exit 1; }
chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[ -n "$chromium" ] || { echo "FAIL: chromium not found (apt-get install chromium)"; exit 1; }

# The anchors: every section id of results.json, plus the summary and the contents.
ids=$(grep -o '"id": "[^"]*"' "$dir/results.json" | sed 's/"id": "\(.*\)"/\1/' | tr '\n' ' ')
[ -n "$ids" ] || { echo "FAIL: no section ids in $dir/results.json"; exit 1; }
anchors="summary contents $ids"
js_anchors=$(printf '"%s",' $anchors)

# A copy of the page beside the original (so relative links resolve) with the check appended:
# after load it writes its verdict into the DOM, which --dump-dom prints.
check="$dir/.check-report.html"
trap 'rm -f "$check"' EXIT
{
    sed 's#</body></html>##' "$dir/index.html"
    cat <<JS
<script>
window.addEventListener("load", function () {
  var bad = [];
  var imgs = document.images;
  for (var i = 0; i < imgs.length; i++) {
    if (!imgs[i].complete || imgs[i].naturalWidth === 0) {
      bad.push("image " + i + " (" + (imgs[i].alt || "").slice(0, 60) + ") did not load");
    }
  }
  [${js_anchors%,}].forEach(function (id) {
    if (!document.getElementById(id)) { bad.push("anchor #" + id + " missing"); }
  });
  var out = document.createElement("pre");
  out.id = "report-check";
  out.textContent = (bad.length ? "REPORT-CHECK FAIL " + bad.join("; ") : "REPORT-CHECK OK")
    + " images=" + imgs.length;
  document.body.appendChild(out);
});
</script></body></html>
JS
} > "$check"

abs=$(cd "$(dirname "$check")" && pwd)/$(basename "$check")
# Chromium writes its profile under the output folder, never the user's home or /tmp.
profile="$(cd "$dir" && pwd)/.chromium-profile"
dom=$(timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --no-first-run --user-data-dir="$profile" --virtual-time-budget=15000 \
    --dump-dom "file://$abs" 2>/dev/null) || { echo "FAIL: chromium exited with an error"; exit 1; }
rm -rf "$profile"
verdict=$(printf '%s' "$dom" | grep -o '<pre id="report-check">[^<]*' | sed 's/<pre id="report-check">//' || true)
if [ -z "$verdict" ]; then
    echo "FAIL: the check did not run (no verdict in the DOM)"
    exit 1
fi
echo "$verdict"
case "$verdict" in
    "REPORT-CHECK OK"*) exit 0 ;;
    *) exit 1 ;;
esac
