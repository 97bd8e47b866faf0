// End-to-end: a teacher's corrected article reaches a student whose browser has the site cached,
// on a host like most static hosts: an old Last-Modified, no Cache-Control (so the browser may
// answer from its HTTP cache by a heuristic for hours) and 304s to conditional requests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import { DIST, launch, watchedPage, readSeeds } from './harness.mjs';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css',
  '.json': 'application/json', '.txt': 'text/plain; charset=utf-8', '.svg': 'image/svg+xml' };

/** dist/ served with Last-Modified (from `lastModified`) and no Cache-Control; `override` maps
 *  URL paths to bodies served instead of the file. */
async function plainHost(override, lastModified) {
  const server = http.createServer(async (req, res) => {
    let url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (url.endsWith('/')) url += 'index.html';
    const file = path.join(DIST, path.normalize(url));
    try {
      const body = override[url] !== undefined ? Buffer.from(override[url]) : await fs.readFile(file);
      const modified = lastModified(url);
      const since = req.headers['if-modified-since'];
      if (since && new Date(since).getTime() >= modified.getTime()) { res.writeHead(304); return res.end(); }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'last-modified': modified.toUTCString() });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { base: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((ok) => server.close(ok)) };
}

test('a corrected article reaches a cached visitor on a host without Cache-Control', async () => {
  const [seed] = await readSeeds();
  const url = `/articles/${seed.file}`;
  const override = {};
  // Both versions are "old" files: a heuristic would call either fresh for weeks.
  let modified = new Date('2024-01-01T00:00:00Z');
  const host = await plainHost(override, (u) => (u === url ? modified : new Date('2024-01-01T00:00:00Z')));
  const browser = await launch();
  try {
    const context = await browser.newContext();
    const { page, problems } = await watchedPage(context);
    await page.goto(host.base + '/');
    await page.locator('.article-item', { hasText: seed.title }).click();
    await page.locator('.article-body .stmt').first().waitFor();
    await page.locator('.drawing').waitFor({ state: 'detached' }); // the analysis drawn in
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.locator('.article-body .stmt').first().waitFor();
    await page.locator('.drawing').waitFor({ state: 'detached' }); // the analysis drawn in
    // The teacher corrects the article.
    const lines = seed.text.split('\n');
    const i = lines.findIndex((l) => l.length > 80);
    lines[i] = 'Corrected: the ministry withdrew the statement on Tuesday. ' + lines[i];
    override[url] = lines.join('\n');
    modified = new Date('2024-01-02T00:00:00Z');
    await page.reload();
    await page.locator('.article-body', { hasText: 'Corrected: the ministry withdrew the statement' }).waitFor({ timeout: 10000 });
    assert.deepEqual(problems.filter((p) => !/HTTP 304/.test(p)), []);
    await context.close();
  } finally {
    await browser.close();
    await host.close();
  }
});
