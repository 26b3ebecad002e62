#!/usr/bin/env bash
# make fuzz: builds the libFuzzer targets with the address sanitizer and runs each for a bounded
# time (FUZZ_SECONDS, default 60), seeded from Codes/ and Submissions/. Fails on any crash, hang
# (a single input over 10 s) or sanitizer report; the input that failed is copied into
# Tests/Fixtures/fuzz/<target>/, where the regression tests replay it from then on.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
targets=${FUZZ_TARGETS:-"fuzz-yaml fuzz-expression fuzz-submission fuzz-diff fuzz-render"}
scratch=.build-fuzz
export SAFETYCODE_ROOT=$PWD
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}

for t in $targets; do
  swift build --scratch-path "$scratch" -c debug --product "$t" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING 2>&1 | grep -vE "warning: Cannot export local symbol" | tail -1
done

seed() {  # seed TARGET DIR
  mkdir -p "$2"
  case $1 in
    fuzz-yaml) for f in Codes/ofcom/vocabulary.yaml Codes/ofcom/*/*.yaml Codes/campaigners/*.yaml Submissions/*.yaml; do
                 cp "$f" "$2/$(echo "$f" | tr / _)"; done ;;
    fuzz-submission) cp Submissions/*.yaml "$2"/ ;;
    # Two small overlays on ICU v1, split at a NUL byte (fuzz-diff drops their own 'extends' and
    # 'vocabulary' lines). Small on purpose: diffing the shipped overlays takes seconds a run
    # under the sanitizer, and the fuzzer would spend its time on them.
    fuzz-diff) printf 'code: {version: v2}\nremove: [ICU A2]\n\0code: {version: v3, status: proposed}\n' > "$2/remove"
               printf 'code: {version: v2, title: T}\nadd:\n  - id: X1\n    section: A\n    title: New\n    severity: high\n    requires: [{id: a, text: A, check: "service.uk_users > 0"}]\n    source: {url: "https://example.org", confidence: code_text}\n' > "$2/add" ;;
    # Hostile strings, split at NUL bytes, for a service's and a code's texts.
    fuzz-render) printf 'Evil\r\n=1+1,@SUM(A1)\0Title\u2028| fake | row |\0javascript:alert(1)\0 JaVa\tScRiPt:x\0\xe2\x80\xae\xe2\x80\x8bbidi\0data:text/html,<script>x</script>\0`code`\0https://example.org/a?b=1&c=2\0vbscript:x\0q\nmeasures: []' > "$2/hostile"
                 printf 'A\0B\0C\0D\0E\0F\0G\0H\0https://example.org\0J' > "$2/plain" ;;
    fuzz-expression)
      n=0
      grep -rhoE '(applies_when|check): .+' Codes | sed -E 's/^(applies_when|check): //' | sort -u | while IFS= read -r line; do
        n=$((n + 1)); printf '%s' "$line" > "$2/expr-$n"
      done
      printf 'large and multi_risk' > "$2/expr-defs"
      printf 'count([risk.grooming >= medium, risk.hate == high]) >= 1' > "$2/expr-count" ;;
  esac
  if [ -d "Tests/Fixtures/fuzz/$1" ]; then cp Tests/Fixtures/fuzz/"$1"/* "$2"/ 2>/dev/null || true; fi
}

status=0
for t in $targets; do
  corpus=$scratch/corpus/$t
  seed "$t" "$corpus"
  artifacts=$scratch/artifacts/$t/
  mkdir -p "$artifacts"
  echo "==> $t for ${seconds}s"
  # Leak detection is off: LeakSanitizer cannot follow pointers that Swift keeps in enum payloads
  # with tag bits, and reports the codes loaded once at start as leaked.
  if ! "$scratch/debug/$t" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -detect_leaks=0 \
       -artifact_prefix="$artifacts" -print_final_stats=1 > "$scratch/$t.log" 2>&1; then
    echo "$t FAILED; last lines of $scratch/$t.log:"
    tail -30 "$scratch/$t.log"
    mkdir -p "Tests/Fixtures/fuzz/$t"
    for f in "$artifacts"*; do [ -f "$f" ] && cp "$f" "Tests/Fixtures/fuzz/$t/" && echo "kept $f as a regression input"; done
    status=1
  else
    grep -E "stat::number_of_executed_units|Done [0-9]+ runs" "$scratch/$t.log" | tail -1
  fi
done
if [ $status = 0 ]; then echo "fuzz: every target ran ${seconds}s clean"; fi
exit $status
