// The site's extraction steps, driven from a test page: the worker (as Trunk ships it) decodes and
// checks the bytes, the app's own page-side parser (src/extract_dom.js, wasm-bindgen's snippet in
// dist/) builds the tree with the browser's DOMParser, and the worker extracts from that tree.
// Used by the speed benchmark (extract-bench.mjs) and the quality run (extract-quality.mjs).
import fs from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from './harness.mjs';

/** Start the worker in `page` (already at the site); resolves with the ms until it was ready. */
export async function startExtractor(page) {
  const snippet = (await fs.readdir(path.join(ROOT, 'dist', 'snippets'), { recursive: true }))
    .find((f) => f.endsWith('extract_dom.js'));
  if (!snippet) throw new Error('dist/snippets/**/extract_dom.js not found: run trunk build --release --offline first');
  return page.evaluate(async (snippet) => {
    const { pageTree } = await import(`./snippets/${snippet}`);
    const started = performance.now();
    const worker = new Worker('./extract-worker_loader.js');
    const next = () => new Promise((ok) => { worker.onmessage = (e) => ok(e.data); });
    await next(); // "ready"
    window.__extract = async (bytes) => {
      const t0 = performance.now();
      let answer = next();
      worker.postMessage(bytes);
      const decoded = await answer;
      if (!decoded.ok) return decoded;
      const t1 = performance.now();
      const tree = pageTree(decoded.html, decoded.keep, decoded.drop);
      const t2 = performance.now();
      answer = next();
      worker.postMessage({ tree });
      const a = await answer;
      return { ...a, ms: performance.now() - t0, parts: [t1 - t0, t2 - t1, performance.now() - t2] };
    };
    return performance.now() - started;
  }, snippet);
}

/** Extract a page's bytes (a Buffer) in `page`, as the site does. */
export function extractIn(page, bytes) {
  return page.evaluate((b64) => window.__extract(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))), bytes.toString('base64'));
}
