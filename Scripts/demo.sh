#!/usr/bin/env bash
# The main job on the examples: assess every submission in Submissions/ against every code in
# Codes/ and write the reports into a folder (default Reports/). `make demo` runs it, and the
# end-to-end test runs it into a temporary folder to compare with the committed Reports/.
#
# Usage: Scripts/demo.sh SAFETYCODE_BINARY [OUT_DIR]
#
# The reports are made in a temporary folder first and copied into OUT_DIR only when every step
# succeeded. Only the demo's own files are replaced: OUT_DIR/demo-files.txt lists them, and a file
# the previous run listed that this run no longer makes is removed. Anything else in OUT_DIR (a
# user's own `safetycode assess` reports, say) is left alone.
set -euo pipefail
bin=$1
out=${2:-Reports}
as_of=2026-11-29   # fixed, so the committed reports are reproducible
list=demo-files.txt

cd "$(dirname "$0")/.."
mkdir -p "$out"
new=$(mktemp -d "${out%/}.new.XXXXXX")
trap 'rm -rf "$new"' EXIT
"$bin" lint
# The comparisons first, so the index the assessment writes links to them.
Scripts/comparisons.sh "$bin" "$new/comparisons"
"$bin" assess Submissions/*.yaml \
  --code Codes/ofcom/illegal-content-u2u/v1.yaml \
  --code Codes/ofcom/illegal-content-u2u/v2-2026-amendments.yaml \
  --code Codes/ofcom/illegal-content-u2u/v2-additional-safety-measures.yaml \
  --code Codes/campaigners/child-safety-asks.yaml \
  --code Codes/ofcom/protection-of-children-u2u/v1.yaml \
  --code Codes/ofcom/protection-of-children-u2u/v2-additional-safety-measures.yaml \
  --as-of "$as_of" --format md,html,json,csv --out "$new"
# The reviewer's loop on Raidhall (SPEC sections 7 and 8): its first submission is reviewed
# (Reviews/raidhall-chat.yaml, applied above by convention), its open questions go out as one
# questionnaire, and its second submission (the answers merged, then the grooming risk lowered)
# is followed over time.
"$bin" questions Submissions/raidhall-chat.yaml \
  --code Codes/ofcom/illegal-content-u2u/v1.yaml \
  --code Codes/ofcom/protection-of-children-u2u/v1.yaml \
  --as-of "$as_of" --out "$new/raidhall-chat/questions.yaml" > /dev/null
"$bin" history Submissions/raidhall-chat.yaml Submissions/history/raidhall-chat-2027-03.yaml \
  --code Codes/ofcom/illegal-content-u2u/v1.yaml \
  --code Codes/ofcom/protection-of-children-u2u/v1.yaml \
  --as-of "$as_of" --out "$new" > /dev/null
made=$(cd "$new" && find . -type f | sed 's|^\./||' | LC_ALL=C sort)
printf '%s\n' "$made" "$list" | LC_ALL=C sort > "$new/$list"
# Files of the previous run that this run no longer makes.
if [ -f "$out/$list" ]; then
  LC_ALL=C sort "$out/$list" | LC_ALL=C comm -23 - "$new/$list" | while IFS= read -r old; do
    rm -f "$out/$old"
  done
fi
cp -R "$new/." "$out/"
echo "reports written into $out/ (open $out/index.html)"
