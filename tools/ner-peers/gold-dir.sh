#!/usr/bin/env bash
# Systems on a folder of labelled articles (NAME.txt + NAME.json, core/tests/gold/GUIDE.md), e.g.
# the Wikinews test articles: the annotator's whole analysis, compromise 14.17 and spaCy
# en_core_web_sm 3.8, scored alike by gold_dir.py (exact span and type, micro over PER/ORG/LOC,
# groups apart). Nothing here is tuned on that folder; it is a test.
#   tools/ner-peers/gold-dir.sh DIR
#   BASE=/path/to/old/annotate tools/ner-peers/gold-dir.sh DIR   adds another build
set -euo pipefail
dir=$(cd "${1:?usage: gold-dir.sh DIR (a folder of NAME.txt + NAME.json)}" && pwd)
ls "$dir"/*.json > /dev/null 2>&1 || { echo "error: no NAME.json labels in $dir" >&2; exit 1; }
source "$(dirname "$0")/setup.sh"
# Only the articles that have labels, so every system sees the same documents.
for j in "$dir"/*.json; do cp "${j%.json}.txt" "$j" "$work/"; done 2>/dev/null || true
mkdir "$work/out"
python3 analysis_jsonl.py "$annotate" "$work" --groups > "$work/out/annotator.jsonl"
systems=("annotator=$work/out/annotator.jsonl")
if [ -n "${BASE:-}" ]; then
  python3 analysis_jsonl.py "$BASE" "$work" --groups > "$work/out/base.jsonl"
  systems+=("base=$work/out/base.jsonl")
fi
echo "running compromise…" >&2
node compromise.mjs "$work" > "$work/out/compromise.jsonl"
echo "running spaCy…" >&2
.venv/bin/python spacy_ner.py "$work" > "$work/out/spacy.jsonl"
systems+=("compromise-14.17=$work/out/compromise.jsonl" "spacy-sm-3.8=$work/out/spacy.jsonl")
python3 gold_dir.py "$work" "${systems[@]}"
