"""Another build of the annotator (`annotate analyze --json`, e.g. the previous release) on every
text file of a folder, as peer JSON lines {"doc": i, "spans": [[start, end, type], ...]}:
person -> PER, organization -> ORG, place -> LOC (groups left out, like MISC; with a third
argument --groups, groups as GRP, for gold_dir.py to report apart)."""
import json
import pathlib
import subprocess
import sys

MAP = {"person": "PER", "organization": "ORG", "place": "LOC"}
annotate, folder = sys.argv[1], pathlib.Path(sys.argv[2])
if sys.argv[3:] == ["--groups"]:
    MAP["group"] = "GRP"
files = sorted(folder.glob("*.txt"))
out = subprocess.run([annotate, "analyze", *map(str, files), "--json"], check=True, capture_output=True, text=True)
for i, a in enumerate(json.loads(out.stdout)["articles"]):
    spans = [[e["start"], e["end"], MAP[e["kind"]]] for e in a["entities"] if e["kind"] in MAP]
    print(json.dumps({"doc": i, "spans": spans}))
