// compromise 14.17 on every text file of a folder: people → PER, organizations → ORG,
// places → LOC, as JSON lines {"doc": i, "spans": [[start, end, type], …]} in code points.
import fs from 'node:fs';
import path from 'node:path';
import nlp from 'compromise';

const dir = process.argv[2];
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
// JS string offsets count UTF-16 units; the scorer counts code points.
const toCodePoints = (text, i) => Array.from(text.slice(0, i)).length;
for (const [doc, f] of files.entries()) {
  const text = fs.readFileSync(path.join(dir, f), 'utf8');
  const d = nlp(text);
  const spans = [];
  for (const [type, m] of [['PER', d.people()], ['ORG', d.organizations()], ['LOC', d.places()]]) {
    for (const j of m.json({ offset: true })) {
      // The match's offset covers its terms; trim punctuation compromise keeps on them.
      let s = j.offset.start;
      let e = s + j.offset.length;
      while (e > s && /[\s.,;:!?'"’)\]]/.test(text[e - 1])) e--;
      while (s < e && /[\s"“‘(\[]/.test(text[s])) s++;
      if (text.slice(e - 2, e) === "'s") e -= 2;
      if (e > s) spans.push([toCodePoints(text, s), toCodePoints(text, e), type]);
    }
  }
  process.stdout.write(JSON.stringify({ doc, spans }) + '\n');
}
