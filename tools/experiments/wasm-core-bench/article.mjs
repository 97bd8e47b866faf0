// What run.mjs, browser.mjs and code-cache.mjs time, in one place: the ~100,000-word article (the
// seeds repeated, as the browser benchmark does) and the measurement's source, which each runs
// where it measures (node, a page, a worker) with the module's exports in `e` and the article
// in `text`: a 60,000-character warm-up, then the first call on the article, then a second.
import fs from 'node:fs';
import path from 'node:path';

const gold = path.join(path.dirname(new URL(import.meta.url).pathname), '../../../core/tests/gold');
const seeds = ['seed-000.txt', 'seed-001.txt', 'seed-002.txt'].map((f) => fs.readFileSync(path.join(gold, f), 'utf8'));
let article = '';
while (article.length < 710000) for (const s of seeds) article += s + '\n\n';
export const text = article;

export const MEASURE = `
const put = (s) => { const b = new TextEncoder().encode(s); const p = e.buf(b.length); new Uint8Array(e.memory.buffer, p, b.length).set(b); return [p, b.length]; };
const time = ([p, l]) => { const t = performance.now(); e.run(p, l); return +(performance.now() - t).toFixed(1); };
const warm = time(put(text.slice(0, 60000)));
const article = put(text);
const first = time(article);
const second = time(article);`;
