"""Score systems' entity spans on a folder of labelled articles (NAME.txt + NAME.json, the format
of core/tests/gold/GUIDE.md): exact span and type, micro over PER/ORG/LOC (person, organization,
place); the app's `group` kind is left out of gold and predictions alike and its recall is printed
apart. Gold mentions are found in text order on word boundaries, as `annotate score` finds them.
    python3 gold_dir.py DIR NAME=spans.jsonl ...
Each JSON-lines file holds {"doc": i, "spans": [[start, end, type], ...]} in code points, doc i
being the i-th .txt of DIR in sorted order (what analysis_jsonl.py, compromise.mjs and
spacy_ner.py write); a type "GRP" marks groups."""
import json
import pathlib
import sys

KIND = {"person": "PER", "organization": "ORG", "place": "LOC", "group": "GRP"}
TYPES = ("PER", "ORG", "LOC")


def find_word(text, needle, start):
    at = start
    while True:
        i = text.find(needle, at)
        if i < 0:
            return None
        e = i + len(needle)
        if (i == 0 or not text[i - 1].isalnum()) and (e == len(text) or not text[e].isalnum()):
            return i
        at = i + 1


def gold_spans(txt):
    text = txt.read_text(encoding="utf-8")
    labels = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
    spans, cursor = [], 0
    for mention, kind, _canon in labels["entities"]:
        s = find_word(text, mention, cursor)
        if s is None:
            sys.exit(f"{txt}: gold entity {mention!r} not found after {cursor}")
        spans.append((s, s + len(mention), KIND[kind]))
        cursor = s + len(mention)
    return spans


def f1(hit, gold, pred):
    p = hit / pred if pred else 0.0
    r = hit / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main():
    folder = pathlib.Path(sys.argv[1])
    files = sorted(folder.glob("*.txt"))
    gold = [gold_spans(f) for f in files]
    n_gold = {t: sum(1 for g in gold for s in g if s[2] == t) for t in TYPES + ("GRP",)}
    print(f"{len(files)} articles; gold PER {n_gold['PER']} ORG {n_gold['ORG']} LOC {n_gold['LOC']} (group {n_gold['GRP']}, out of scope)")
    print(f"{'system':<24} {'P':>6} {'R':>6} {'F1':>6}   {'PER':>6} {'ORG':>6} {'LOC':>6}   group R")
    for arg in sys.argv[2:]:
        name, path = arg.split("=", 1)
        pred = [[] for _ in files]
        for line in open(path, encoding="utf-8"):
            d = json.loads(line)
            pred[d["doc"]] = [tuple(s) for s in d["spans"]]
        hit = {t: 0 for t in TYPES + ("GRP",)}
        npred = {t: 0 for t in TYPES + ("GRP",)}
        for g, p in zip(gold, pred):
            gs = set(g)
            for s in set(p):
                if s[2] in npred:
                    npred[s[2]] += 1
                    hit[s[2]] += s in gs
        per_type = {t: f1(hit[t], n_gold[t], npred[t])[2] for t in TYPES}
        p, r, f = f1(sum(hit[t] for t in TYPES), sum(n_gold[t] for t in TYPES), sum(npred[t] for t in TYPES))
        grp = f"{hit['GRP'] / n_gold['GRP']:.4f}" if n_gold["GRP"] and npred["GRP"] else "-"
        print(f"{name:<24} {p:.4f} {r:.4f} {f:.4f}   {per_type['PER']:.4f} {per_type['ORG']:.4f} {per_type['LOC']:.4f}   {grp}")


if __name__ == "__main__":
    main()
