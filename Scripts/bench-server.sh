#!/usr/bin/env bash
# `make bench`'s server figures (SPEC section 11): a release build of `safetycode serve` over a
# generated workspace of 1,000 services (BENCH_SERVICES), loaded from a second process by wrk on
# loopback, 32 connections on 2 threads for 10 seconds per page (BENCH_SECONDS): /healthz as the
# baseline measured in the same run, then the portfolio `/` (its first page of 100 services), its JSON `/.json` (every service) and one assessment page. Prints
# requests/s and p50/p99 latency for each beside the targets, and each page's rate as a ratio of
# the baseline's (comparable across machines). Skipped, saying so, when wrk is not installed.
set -euo pipefail
cd "$(dirname "$0")/.."
swift=${SWIFT:-swift}
services=${BENCH_SERVICES:-1000}
seconds=${BENCH_SECONDS:-10}
if ! command -v wrk >/dev/null 2>&1; then
  echo "==> server bench skipped: wrk not installed (apt-get install wrk)"
  exit 0
fi
# BENCH_SERVER_BIN=path measures that binary instead of building one.
bin=${BENCH_SERVER_BIN:-}
if [ -z "$bin" ]; then
  echo "==> building the release server"
  "$swift" build -c release --product safetycode >/dev/null
  bin=.build/release/safetycode
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/safetycode-bench-server.XXXXXX")
server=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
python3 Benchmarks/server/make-workspace.py "$tmp/workspace" "$services" >/dev/null
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port
"$bin" serve "$tmp/workspace" --port "$port" >"$tmp/server.log" 2>&1 &
server=$!
# A Raidhall-shaped service (the 7th example in order) against the illegal content code in force.
stem=$(sed -n 7p "$tmp/workspace/stems.txt")
assessment="/services/$stem/ofcom-icu-u2u@v1"
# Waits for /healthz, then loads each page once (the first load of the portfolio assesses every
# service), timing it; a page that does not answer 200 stops the bench.
python3 - "$base" "$assessment" "$server" "$tmp" <<'PY' || { echo "==> the server's log:"; tail -50 "$tmp/server.log"; exit 1; }
import os, sys, time, urllib.request
base, assessment, pid, tmp = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
deadline = time.monotonic() + 120
while True:
    try:
        with urllib.request.urlopen(base + "/healthz", timeout=2) as r:
            if r.status == 200:
                break
    except OSError:
        pass
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit("the server stopped before answering /healthz")
    if time.monotonic() > deadline:
        sys.exit("the server did not answer /healthz within 120 s")
    time.sleep(0.2)
sizes = []
for name, path in [("healthz", "/healthz"), ("portfolio", "/"), ("portfolio-json", "/.json"), ("assessment", assessment)]:
    t = time.monotonic()
    with urllib.request.urlopen(base + path, timeout=600) as r:
        size = len(r.read())
        if r.status != 200:
            sys.exit(f"{path} answered {r.status}")
    sizes.append(f"{name} {size}")
    if name != "healthz":
        print(f"   first load (cold) of the {name} page: {time.monotonic() - t:.2f} s, {size:,} bytes")
open(f"{tmp}/sizes.txt", "w").write("\n".join(sizes) + "\n")
PY
for page in healthz portfolio portfolio-json assessment; do
  case $page in
    healthz) path=/healthz ;;
    portfolio) path=/ ;;
    portfolio-json) path=/.json ;;
    assessment) path=$assessment ;;
  esac
  wrk -t2 -c32 -d"${seconds}s" --latency "$base$path" >"$tmp/wrk-$page.txt"
done
python3 - "$tmp" "$services" "$seconds" "$assessment" <<'PY'
import os, re, sys
tmp, services, seconds, assessment = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
def ms(text):
    n, unit = re.match(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(n) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]
sizes = dict((line.split()[0], int(line.split()[1])) for line in open(f"{tmp}/sizes.txt"))
figures = {}
for page in ["healthz", "portfolio", "portfolio-json", "assessment"]:
    out = open(f"{tmp}/wrk-{page}.txt").read()
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    figures[page] = (rate, p50, p99, bad.group(1) if bad else None, errors.group(1) if errors else None)
base = figures["healthz"][0]
print(f"\nserver: wrk -t2 -c32 -d{seconds}s --latency on loopback, {services} services")
print(f"   {'page':<34} {'bytes':>9} {'requests/s':>10} {'p50':>9} {'p99':>9}  {'ratio to /healthz':>17}  target")
targets = {
    "healthz": ("baseline", lambda r, p99: None),
    "portfolio": (f"p99 < 100 ms", lambda r, p99: p99 < 100),
    "portfolio-json": ("none (every service in one response)", lambda r, p99: None),
    "assessment": ("at least 1,000 requests/s and p99 < 50 ms", lambda r, p99: r >= 1000 and p99 < 50),
}
labels = {"healthz": "/healthz", "portfolio": f"/ (portfolio of {services}, page 1)", "portfolio-json": f"/.json (all {services} services)",
          "assessment": "an assessment page"}
for page, (rate, p50, p99, bad, errors) in figures.items():
    words, test = targets[page]
    met = test(rate, p99)
    verdict = "" if met is None else (" (met)" if met else " (not met)")
    label = labels[page]
    print(f"   {label:<34} {sizes[page]:>9,} {rate:>10,.0f} {p50:>7.2f}ms {p99:>7.2f}ms  {rate / base:>17.3f}  {words}{verdict}")
    if bad:
        print(f"      {bad} responses were not 2xx or 3xx")
    if errors:
        print(f"      socket errors: {errors}")
print(f"   (the portfolio page shows 100 services to a page, with links to the rest; its JSON lists them all)")
print(f"   (the assessment page: {assessment}, one Raidhall-shaped service against ICU v1; bytes: each page's body, uncompressed)")
print(f"   (load average as the run ended: {open('/proc/loadavg').read().split()[0]}; the machine's {os.cpu_count()} cores are shared with wrk and anything else running)")
PY
