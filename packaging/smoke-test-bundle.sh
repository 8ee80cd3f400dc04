#!/usr/bin/env bash
# Check a frozen LeukoTrack bundle the way a person would use it, headless:
#   every shared library in it resolves, --version answers, the demo fills a new data folder,
#   the window opens and paints with that data (--smoke-test), and the report PDF is written.
# Usage: packaging/smoke-test-bundle.sh dist/LeukoTrack
set -euo pipefail

bundle=${1:?usage: $0 dist/LeukoTrack}
app="$bundle/leukotrack"
[[ -x "$app" ]] || { echo "smoke-test-bundle: no executable at $app; run 'make bundle' first" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export QT_QPA_PLATFORM=offscreen
# The bundle must not lean on the developer's Python: no venv, no PYTHONPATH, a bare PATH.
run() { env -i HOME="$work/home" PATH=/usr/bin:/bin QT_QPA_PLATFORM=offscreen LANG=C.UTF-8 "$@"; }
mkdir -p "$work/home"

echo "== shared libraries"
# Qt, PySide6 and Python must all be inside. A few plugins also name system libraries that the
# build machine lacked (e.g. Wayland's): those are listed, and load where the system has them.
internal="$bundle/_internal"
libpath="$internal:$internal/PySide6/Qt/lib:$internal/PySide6:$internal/shiboken6"
missing=$(find "$bundle" -type f \( -name '*.so' -o -name '*.so.*' -o -name leukotrack \) -print0 |
  xargs -0 -n 20 env LD_LIBRARY_PATH="$libpath" ldd 2>/dev/null | grep 'not found' | sort -u || true)
if grep -E 'lib(Qt6|pyside6|shiboken6|python3)' <<<"$missing" >&2; then
  echo "smoke-test-bundle: the libraries above are missing from the bundle" >&2
  exit 1
fi
[[ -z "$missing" ]] || echo "from the system where present: $(awk '{print $1}' <<<"$missing" | tr '\n' ' ')"
echo "Qt, PySide6 and Python libraries all resolve inside the bundle"

echo "== --version"
version=$(run "$app" --version)
echo "$version"
expected=$(sed -n 's/^version = "\(.*\)"/\1/p' "$(dirname "$0")/../pyproject.toml")
[[ "$version" == "LeukoTrack $expected" ]] || { echo "expected 'LeukoTrack $expected'" >&2; exit 1; }

echo "== first launch on a machine with no data"
run "$app" --data-dir "$work/fresh/LeukoTrack" --smoke-test | tee "$work/fresh.txt"
grep -q ': the welcome)$' "$work/fresh.txt" || { echo "the welcome was not shown" >&2; exit 1; }
[[ -d "$work/fresh/LeukoTrack" ]] || { echo "the data folder was not created" >&2; exit 1; }

echo "== demo data"
run "$app" --data-dir "$work/demo" demo

echo "== window on the demo data"
run "$app" --data-dir "$work/demo" --smoke-test | tee "$work/demo.txt"
grep -q ': the records)$' "$work/demo.txt" || { echo "the demo records were not shown" >&2; exit 1; }

echo "== report PDF"
run "$app" --data-dir "$work/demo" report --out "$work/report.pdf"
pdfinfo "$work/report.pdf" | grep -E '^(Pages|Page size):'

echo "== size"
du -sh "$bundle"
echo "smoke-test-bundle: $bundle passed"
