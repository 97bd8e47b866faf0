// Extraction speed in the browser, as the site does it, on a real 1 MB news page from the
// article-extraction benchmark (../shared/corpora/article-extraction): the worker decodes and
// checks the bytes, the page's DOMParser parses them (src/extract_dom.js, the app's own copy as
// Trunk ships it), the worker extracts from that tree. Prints the first extraction (the worker's
// wasm fetched and compiled before it, shown apart) and then each warm one, with its parts.
//   trunk build --release && node tests/e2e/extract-bench.mjs [PAGE.html.gz] [RUNS]
import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve, launch, ROOT } from './harness.mjs';
import { startExtractor, extractIn } from './extract-steps.mjs';

const corpus = path.resolve(ROOT, '..', 'shared', 'corpora', 'article-extraction', 'html');
const file = process.argv[2] ?? path.join(corpus, '374ac9a59a85196cdacc1679fb8993521a7b7d9d6533720f102300be1c7face4.html.gz');
const runs = Number(process.argv[3] ?? 10);
let bytes;
try {
  bytes = zlib.gunzipSync(await fs.readFile(file));
} catch (e) {
  console.error(`error: cannot read the benchmark page ${file} (${e.code ?? e.message}); see ../shared/corpora/README.md`);
  process.exit(2);
}
const [server, browser] = await Promise.all([serve(), launch()]);
try {
  const page = await (await browser.newContext()).newPage();
  await page.goto(server.base + '/');
  const ready = await startExtractor(page);
  const times = { ready, runs: [], parts: [] };
  for (let i = 0; i < runs; i++) {
    const a = await extractIn(page, bytes);
    Object.assign(times, { ok: a.ok, error: a.error, words: a.words });
    if (!a.ok) break;
    times.runs.push(a.ms);
    times.parts.push(a.parts);
  }
  if (!times.ok) throw new Error(`extraction failed: ${times.error}`);
  const sorted = [...times.runs].sort((a, b) => a - b);
  const ms = (x) => `${x.toFixed(0)} ms`;
  console.log(`page: ${path.basename(file)}, ${bytes.length} bytes, ${times.words} words extracted`);
  console.log(`worker ready (wasm fetched, compiled, started): ${ms(times.ready)}`);
  const part = (p) => `decode ${ms(p[0])}, DOMParser + tree ${ms(p[1])}, extract ${ms(p[2])}`;
  console.log(`first extraction: ${ms(times.runs[0])} (${part(times.parts[0])})`);
  const mid = times.runs.indexOf(sorted[Math.floor(runs / 2)]);
  console.log(`median run's parts: ${part(times.parts[mid])}`);
  console.log(`all ${runs}: median ${ms(sorted[Math.floor(runs / 2)])}, min ${ms(sorted[0])}, max ${ms(sorted[runs - 1])}`);
} finally {
  await browser.close();
  await server.close();
}
