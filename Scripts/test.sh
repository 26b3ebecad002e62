#!/usr/bin/env bash
# `make test`: builds quietly (the build log is shown only when the build fails), then runs the
# tests, printing a dot per finished test, every failure with its details, and Swift Testing's
# summary line (which CI reads). Extra arguments go to `swift test` (such as --filter X).
# Then the browser journeys (Tests/Browser/journeys.py: headless Chromium through chromedriver
# against `safetycode serve`), one line each, when `chromium` and `chromedriver` are installed;
# otherwise a line says they were skipped (also with BROWSER_JOURNEYS=0, or when arguments were given).
set -uo pipefail
swift=${SWIFT:-swift}
cd "$(dirname "$0")/.."
mkdir -p .build
log=.build/test-build.log
echo "==> building the tests (log in $log)"
if ! "$swift" build --build-tests >"$log" 2>&1; then
  cat "$log"
  echo "==> the build failed"
  exit 1
fi
echo "==> running the tests"
# Swift Testing prints a line when each test starts and passes; a failure's lines, the
# `↳` details beneath it, and the run's summary are kept.
"$swift" test --skip-build --disable-xctest "$@" 2>&1 | awk '
  /^[^ ]+ Test run with / { if (dots) print ""; dots = 0; print; keep = 0; next }
  /^[^ ]+ (Test|Suite) .* started\.$/ { keep = 0; next }
  /^[^ ]+ Test .* passed after / { printf "."; dots++; if (dots % 80 == 0) printf "\n"; keep = 0; fflush(); next }
  /^[^ ]+ Suite .* passed after / { keep = 0; next }
  /^[^ ]+ (Test|Suite) .*(failed|recorded an issue|errored)/ { if (dots) print ""; dots = 0; print; keep = 1; next }
  /^↳ / { if (keep) print; next }
  /^(\[[0-9]+\/[0-9]+\] |Building for |Build complete|Planning build)/ { next }
  { if (keep) print }
'
status=${PIPESTATUS[0]}
if [ "${BROWSER_JOURNEYS:-1}" = 0 ]; then
  echo "==> browser journeys skipped: BROWSER_JOURNEYS=0"
elif [ $# -gt 0 ]; then
  echo "==> browser journeys skipped: arguments given to swift test ($*)"
elif ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  echo "==> browser journeys skipped: chromium/chromedriver not installed"
elif [ ! -x .build/debug/safetycode ]; then
  echo "==> browser journeys not run: .build/debug/safetycode was not built"
  status=1
else
  echo "==> browser journeys (Tests/Browser/journeys.py, headless Chromium)"
  python3 Tests/Browser/journeys.py .build/debug/safetycode || status=1
fi
exit "$status"
