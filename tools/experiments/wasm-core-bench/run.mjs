// Times annotator_core::analyze in wasm under node on ~100,000 words (the seeds repeated, as the
// browser benchmark does), the way a first visit meets it: in a fresh process (so nothing V8
// compiled before is reused), instantiate, analyse a 60,000-character sample (a little more
// than the app's ~48,000-character warm-up), then the first call on the article, then a second.
// Prints one JSON line; run.sh runs it in several processes and V8 tiers and prints medians.
import fs from 'node:fs';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const seedsDir = path.join(here, '../../../core/tests/gold');
const seeds = ['seed-000.txt', 'seed-001.txt', 'seed-002.txt'].map((f) => fs.readFileSync(path.join(seedsDir, f), 'utf8'));
let text = '';
while (text.length < 710000) for (const s of seeds) text += s + '\n\n';
const bytes = fs.readFileSync(process.argv[2]);
const enc = new TextEncoder();
const { instance } = await WebAssembly.instantiate(bytes, {});
const e = instance.exports;
const put = (s) => { const b = enc.encode(s); const p = e.buf(b.length); new Uint8Array(e.memory.buffer, p, b.length).set(b); return [p, b.length]; };
const time = ([p, l]) => { const t = performance.now(); e.run(p, l); return +(performance.now() - t).toFixed(1); };
const warm = time(put(text.slice(0, 60000)));
const article = put(text);
const first = time(article);
const second = time(article);
console.log(JSON.stringify({ mb: +(Buffer.byteLength(text) / 1e6).toFixed(2), warm, first, second }));
