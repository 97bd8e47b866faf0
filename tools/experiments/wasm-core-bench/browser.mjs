// run.mjs's measurement in Debian's Chromium instead of node: a fresh browser (V8 flags from
// CHROMIUM_JS_FLAGS), a page that compiles the core's wasm, analyses a 60,000-character sample,
// then the ~100,000-word article twice. Prints one JSON line like run.mjs; run.sh (BROWSER=1)
// repeats it per mode and prints medians. Needs ./dev setup (playwright-core in tests/e2e).
import fs from 'node:fs';
import http from 'node:http';
import { launch } from '../../../tests/e2e/harness.mjs';
import { MEASURE, text } from './article.mjs';

const page = `<!doctype html><script type="module">
const [bytes, text] = await Promise.all([fetch('core.wasm').then((r) => r.arrayBuffer()), fetch('text.txt').then((r) => r.text())]);
const { instance } = await WebAssembly.instantiate(bytes, {});
const e = instance.exports;
${MEASURE}
window.result = { warm, first, second };
</script>`;
const files = {
  '/': ['text/html', page],
  '/core.wasm': ['application/wasm', fs.readFileSync(process.argv[2])],
  '/text.txt': ['text/plain; charset=utf-8', text],
};
const server = http.createServer((req, res) => {
  const f = files[req.url];
  res.writeHead(f ? 200 : 404, { 'content-type': f ? f[0] : 'text/plain' });
  res.end(f ? f[1] : '');
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await launch();
const p = await browser.newPage();
await p.goto(url);
await p.waitForFunction(() => window.result, null, { timeout: 60_000 });
console.log(JSON.stringify(await p.evaluate(() => window.result)));
await browser.close();
server.close();
