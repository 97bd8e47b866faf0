// Times annotator_core::analyze in wasm under node on ~100,000 words (the seeds repeated, as
// the browser benchmark does): per fresh instance, a small warm-up, then the first call on the
// article and three more. Prints medians over 7 instances.
import fs from 'node:fs';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const seedsDir = path.join(here, '../../core/tests/gold');
const seeds = ['seed-000.txt', 'seed-001.txt', 'seed-002.txt'].map((f) => fs.readFileSync(path.join(seedsDir, f), 'utf8'));
let text = '';
while (text.length < 710000) for (const s of seeds) text += s + '\n\n';
const bytes = fs.readFileSync(process.argv[2]);
const enc = new TextEncoder();
const first = [], steady = [];
for (let r = 0; r < 7; r++) {
  const { instance } = await WebAssembly.instantiate(bytes, {});
  const e = instance.exports;
  const put = (s) => { const b = enc.encode(s); const p = e.buf(b.length); new Uint8Array(e.memory.buffer, p, b.length).set(b); return [p, b.length]; };
  const [wp, wl] = put(text.slice(0, 4000));
  e.run(wp, wl);
  e.run(wp, wl);
  const [p, l] = put(text);
  let t = performance.now();
  e.run(p, l);
  first.push(performance.now() - t);
  for (let k = 0; k < 3; k++) { t = performance.now(); e.run(p, l); steady.push(performance.now() - t); }
}
const med = (a) => a.slice().sort((x, y) => x - y)[a.length >> 1].toFixed(1);
console.log(`${(Buffer.byteLength(text) / 1e6).toFixed(2)} MB: first call median ${med(first)} ms (${first.map((x) => x.toFixed(0)).join(', ')}); optimised steady state median ${med(steady)} ms`);
