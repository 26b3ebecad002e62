#!/usr/bin/env bash
# The diffs and comparisons advocates read first, over every example submission. Called by
# Scripts/demo.sh; writes into OUT_DIR (default Reports/comparisons).
# Usage: Scripts/comparisons.sh SAFETYCODE_BINARY [OUT_DIR]
set -euo pipefail
bin=$1
out=${2:-Reports/comparisons}
as_of=2026-11-29
icu=Codes/ofcom/illegal-content-u2u
pcu=Codes/ofcom/protection-of-children-u2u
pairs=(
  "$icu/v1.yaml $icu/v2-2026-amendments.yaml"                        # what the 2026 amendments add
  "$icu/v2-2026-amendments.yaml $icu/v2-additional-safety-measures.yaml"   # what the 2025 proposals add
  "$icu/v2-additional-safety-measures.yaml Codes/campaigners/child-safety-asks.yaml"  # where the proposals fall short of campaigners' asks
  "$icu/v1.yaml Codes/campaigners/child-safety-asks.yaml"            # the whole way, across both overlays
  "$pcu/v1.yaml $pcu/v2-additional-safety-measures.yaml"             # the children's code proposals
)
for pair in "${pairs[@]}"; do
  set -- $pair
  "$bin" diff --from "$1" --to "$2" --format md,html,json --out "$out"
  "$bin" compare --from "$1" --to "$2" Submissions/*.yaml --as-of "$as_of" --format md,html,json --out "$out"
done
# The campaigners' view, through the child sexual abuse lens (grooming, image-based CSAM, CSAM URLs,
# CSEA): what the 2025 proposals add to the code in force, and where they fall short of the asks.
lens_pairs=(
  "$icu/v2-2026-amendments.yaml $icu/v2-additional-safety-measures.yaml"
  "$icu/v2-additional-safety-measures.yaml Codes/campaigners/child-safety-asks.yaml"
)
for pair in "${lens_pairs[@]}"; do
  set -- $pair
  "$bin" diff --from "$1" --to "$2" --lens child_sexual_abuse --format md,html,json --out "$out"
  "$bin" compare --from "$1" --to "$2" Submissions/*.yaml --lens child_sexual_abuse --as-of "$as_of" --format md,html,json --out "$out"
done
