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
  // The app's copy of the page-side parser, wherever wasm-bindgen put it.
  const snippet = (await fs.readdir(path.join(ROOT, 'dist', 'snippets'), { recursive: true }))
    .find((f) => f.endsWith('extract_dom.js'));
  if (!snippet) throw new Error('dist/snippets/**/extract_dom.js not found: run trunk build --release first');
  const times = await page.evaluate(async ({ b64, runs, snippet }) => {
    const { pageTree } = await import(`./snippets/${snippet}`);
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const started = performance.now();
    const worker = new Worker('./extract-worker_loader.js');
    const next = () => new Promise((ok) => { worker.onmessage = (e) => ok(e.data); });
    await next(); // "ready"
    const out = { ready: performance.now() - started, runs: [], parts: [] };
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      let answer = next();
      worker.postMessage(bytes.slice());
      const decoded = await answer;
      if (!decoded.ok) return decoded;
      const t1 = performance.now();
      const tree = pageTree(decoded.html, decoded.keep, decoded.drop);
      const t2 = performance.now();
      answer = next();
      worker.postMessage({ tree });
      const a = await answer;
      const t3 = performance.now();
      out.runs.push(t3 - t0);
      out.parts.push([t1 - t0, t2 - t1, t3 - t2]);
      out.words = a.words; out.ok = a.ok; out.error = a.error;
    }
    worker.terminate();
    return out;
  }, { b64: bytes.toString('base64'), runs, snippet });
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
