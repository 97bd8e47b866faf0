// Does V8's wasm code cache speed up a returning visit's worker? The core's wasm (run.sh builds it) is
// compiled by `instantiateStreaming` in a module worker, a 60,000-character warm-up and the ~100,000-word
// article analysed; five visits in one persistent Chromium profile, 4 s apart. MODE: sw-cache (the SW answers the
// wasm from CacheStorage), sw-network (from a network fetch, as the app's un-hashed worker files
// are), http (no SW, Cache-Control max-age), none (no-store); INCOGNITO=1 for an off-the-record context.
// Usage: MODE=sw-cache node code-cache.mjs target/wasm32-unknown-unknown/release/wasm_core_bench.wasm
import fs from 'node:fs';
import os from 'node:os';
import http from 'node:http';
import path from 'node:path';
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const { chromium } = await import(root + '/tests/e2e/node_modules/playwright-core/index.mjs');
const { MEASURE, text } = await import('./article.mjs');
const MODE = process.env.MODE || 'sw-cache';
const worker = `
const text = await fetch('text.txt').then((r) => r.text());
const t0 = performance.now();
const { instance } = await WebAssembly.instantiateStreaming(fetch('core.wasm'), {});
const compile = performance.now() - t0;
const e = instance.exports;
${MEASURE}
postMessage({ compile: +compile.toFixed(1), warm, first, second });`;
const sw = MODE === 'sw-cache'
  ? `self.addEventListener('install', (e) => e.waitUntil(caches.open('c').then((c) => c.addAll(['core.wasm'])).then(() => self.skipWaiting())));
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (e) => { if (e.request.url.endsWith('core.wasm')) e.respondWith(caches.match(e.request).then((h) => h || fetch(e.request))); });`
  : `self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (e) => { if (e.request.url.endsWith('core.wasm')) e.respondWith(fetch(e.request, { cache: 'no-cache' }).then((r) => { const c = r.clone(); caches.open('c').then((k) => k.put(e.request, c)); return r; })); });`;
const useSw = MODE.startsWith('sw');
const page = `<!doctype html><script type="module">
${useSw ? "await navigator.serviceWorker.register('sw.js'); await navigator.serviceWorker.ready; if (!navigator.serviceWorker.controller) await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok));" : ''}
const w = new Worker('w.js', { type: 'module' });
window.result = await new Promise((ok) => { w.onmessage = (e) => ok(e.data); });
</script>`;
const files = {
  '/': ['text/html', page], '/w.js': ['text/javascript', worker], '/sw.js': ['text/javascript', sw],
  '/core.wasm': ['application/wasm', fs.readFileSync(process.argv[2])],
  '/text.txt': ['text/plain; charset=utf-8', text],
};
const server = http.createServer((req, res) => {
  const f = files[req.url];
  const cc = req.url === '/core.wasm' && MODE !== 'none' ? 'max-age=3600' : 'no-store';
  res.writeHead(f ? 200 : 404, { 'content-type': f ? f[0] : 'text/plain', 'cache-control': cc, etag: '"1"' });
  res.end(f ? f[1] : '');
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const url = `http://127.0.0.1:${server.address().port}/`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-'));
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'];
const ctx = process.env.INCOGNITO
  ? await (await chromium.launch({ executablePath: '/usr/bin/chromium', args })).newContext()
  : await chromium.launchPersistentContext(dir, { executablePath: '/usr/bin/chromium', args });
const p = await ctx.newPage();
const rows = [];
for (let v = 0; v < 5; v++) {
  if (v === 0) await p.goto(url); else await p.reload();
  await p.waitForFunction(() => window.result, null, { timeout: 60_000 });
  rows.push(await p.evaluate(() => window.result));
  await new Promise((r) => setTimeout(r, 4000));
}
console.log(`${MODE}${process.env.INCOGNITO ? ' incognito' : ''}: ` + rows.map((r) => `compile ${r.compile} warm ${r.warm} first ${r.first}`).join(' | '));
await ctx.close();
server.close();
fs.rmSync(dir, { recursive: true, force: true });
