# Share of content sentences marked as claims, by kind, over `annotate analyze --json` output.
# Usage: annotate analyze core/tests/gold/held-wiki-*.txt --json | python3 tools/claims/share.py
import json,sys
d=json.load(sys.stdin); n=a=f=0
for art in d["articles"]:
    for s in art["sentences"]:
        if not s["content"]: continue
        n+=1; k=s.get("claim_kind")
        a+=k=="attributed"; f+=k=="factual"
print(f"{len(d['articles'])} articles, {n} content sentences: claims {(a+f)/n:.3f} ({a} attributed, {f} factual)")
