#!/usr/bin/env bash
# The main job on the examples: assess every submission in Submissions/ against every code in
# Codes/ and write the reports into a folder (default Reports/). `make demo` runs it, and the
# end-to-end test runs it into a temporary folder to compare with the committed Reports/.
#
# Usage: Scripts/demo.sh SAFETYCODE_BINARY [OUT_DIR]
# The reports are written into OUT_DIR.new first and swapped in only when every step succeeded,
# so an interrupted run never leaves a half-written Reports/.
set -euo pipefail
bin=$1
out=${2:-Reports}
as_of=2026-11-29   # fixed, so the committed reports are reproducible

cd "$(dirname "$0")/.."
rm -rf "$out.new"
"$bin" lint Codes Submissions
"$bin" assess Submissions \
  --code Codes/ofcom/illegal-content-u2u/v1.yaml \
  --code Codes/ofcom/illegal-content-u2u/v2-2026-amendments.yaml \
  --code Codes/ofcom/illegal-content-u2u/v2-additional-safety-measures.yaml \
  --code Codes/campaigners/child-safety-asks.yaml \
  --code Codes/ofcom/protection-of-children-u2u/v1.yaml \
  --code Codes/ofcom/protection-of-children-u2u/v2-additional-safety-measures.yaml \
  --as-of "$as_of" --format md,html,json,csv --out "$out.new"
Scripts/comparisons.sh "$bin" "$out.new/comparisons"
rm -rf "$out"
mv "$out.new" "$out"
echo "reports written into $out/"
