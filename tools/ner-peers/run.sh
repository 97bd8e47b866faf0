#!/usr/bin/env bash
# Peers on the same text, in one command: the annotator's whole analysis, compromise 14.17 and
# spaCy en_core_web_sm 3.8, on CoNLL-2003 dev made running text again (`annotate
# score-entities`), scored alike (exact span and type, micro over PER/ORG/LOC).
#   tools/ner-peers/run.sh [CORPUS_DIR]     (default ../shared/corpora/conll2003)
#   BASE=/path/to/old/annotate tools/ner-peers/run.sh   adds another build (the previous release)
# Installs its peers on first use (setup.sh).
set -euo pipefail
corpus=${1:-$(cd "$(dirname "$0")/../.." && pwd)/../shared/corpora/conll2003}
if [ ! -f "$corpus/dev.txt" ]; then
  echo "error: $corpus/dev.txt not found: the peers run needs the CoNLL-2003 corpus (see ../shared/corpora/README.md)" >&2
  exit 1
fi
corpus=$(cd "$corpus" && pwd)
source "$(dirname "$0")/setup.sh"
"$annotate" score-entities "$corpus" --write-text "$work/texts" > /dev/null
echo "running compromise…" >&2
node compromise.mjs "$work/texts" > "$work/compromise.jsonl"
echo "running spaCy…" >&2
.venv/bin/python spacy_ner.py "$work/texts" > "$work/spacy.jsonl"
peers=(--peer "compromise-14.17=$work/compromise.jsonl" --peer "spacy-sm-3.8=$work/spacy.jsonl")
if [ -n "${BASE:-}" ]; then
  python3 analysis_jsonl.py "$BASE" "$work/texts" > "$work/base.jsonl"
  peers+=(--peer "base=$work/base.jsonl")
fi
"$annotate" score-entities "$corpus" "${peers[@]}"
