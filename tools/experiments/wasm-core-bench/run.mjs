// Times annotator_core::analyze in wasm under node on ~100,000 words (the seeds repeated, as the
// browser benchmark does), the way a first visit meets it: in a fresh process (so nothing V8
// compiled before is reused), instantiate, analyse a 60,000-character sample (a little more
// than the app's ~48,000-character warm-up), then the first call on the article, then a second.
// Prints one JSON line; run.sh runs it in several processes and V8 tiers and prints medians.
import fs from 'node:fs';
import { MEASURE, text } from './article.mjs';

const bytes = fs.readFileSync(process.argv[2]);
const { instance } = await WebAssembly.instantiate(bytes, {});
const { warm, first, second } = new Function('e', 'text', `${MEASURE}\nreturn { warm, first, second };`)(instance.exports, text);
console.log(JSON.stringify({ mb: +(Buffer.byteLength(text) / 1e6).toFixed(2), warm, first, second }));
