// Shared by the end-to-end tests and the browser benchmark: a static HTTP server for dist/
// (at / and under a sub-path, as a teacher's host would serve it) and a Chromium launcher.
import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '../..');
export const DIST = path.join(ROOT, 'dist');
export const SHOTS = path.join(ROOT, 'target', 'screenshots');
export const SUBPATH = '/class-7b/annotator/';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** Serve `dir` at `/` and at SUBPATH on 127.0.0.1 (random port). `extra` maps URL paths to
 *  {type, body} for generated files (e.g. a long article for the benchmark). */
export async function serve(dir = DIST, extra = {}) {
  const server = http.createServer(async (req, res) => {
    let url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (extra[url]) {
      res.writeHead(200, { 'content-type': extra[url].type, 'cache-control': 'no-store' });
      return res.end(extra[url].body);
    }
    if (url.startsWith(SUBPATH)) url = '/' + url.slice(SUBPATH.length);
    if (url.endsWith('/')) url += 'index.html';
    const file = path.join(dir, path.normalize(url));
    if (!file.startsWith(dir)) { res.writeHead(403); return res.end(); }
    try {
      const body = await fs.readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${server.address().port}`;
  return { base, close: () => new Promise((ok) => server.close(ok)) };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      // For measurements only: V8 flags such as --liftoff-only, to see what each tier costs.
      ...(process.env.CHROMIUM_JS_FLAGS ? [`--js-flags=${process.env.CHROMIUM_JS_FLAGS}`] : []),
    ],
  });
}

/** A page that records every page error, console error and failed or refused request, so a
 *  test can assert that nothing went wrong behind the scenes. */
export async function watchedPage(context) {
  const page = await context.newPage();
  const problems = [];
  // Content-Security-Policy violations are reported by the page; collect them.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  // The site makes no request to any other host.
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!['127.0.0.1', ''].includes(u.hostname) && !['data:', 'blob:'].includes(u.protocol)) problems.push(`third-party request: ${r.url()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  return { page, problems };
}

export async function screenshot(page, name, { fullPage = true } = {}) {
  await fs.mkdir(SHOTS, { recursive: true });
  // Paragraphs off screen skip painting (content-visibility: auto); a full-page capture does
  // not scroll, so draw everything for it (the stylesheet's `html.draw-all`; an injected style
  // would be refused by the page's CSP).
  await page.evaluate(() => document.documentElement.classList.add('draw-all'));
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
  await page.evaluate(() => document.documentElement.classList.remove('draw-all'));
}

export async function readSeeds() {
  const manifest = JSON.parse(await fs.readFile(path.join(ROOT, 'seeds', 'manifest.json'), 'utf8'));
  return Promise.all(manifest.articles.map(async (a) => ({
    ...a,
    text: await fs.readFile(path.join(ROOT, 'seeds', a.file), 'utf8'),
  })));
}

/** A long paragraph of an article file, to prove its body is really shown. */
export function bodySample(text) {
  return text.split('\n').find((l) => l.length > 100).slice(0, 60);
}

/** Visit `url` until the offline service worker is active, then reload with the network off.
 *  Returns the worker's scope path. */
export async function reloadOffline(context, page, url) {
  await page.goto(url);
  await page.locator('.article-item').first().waitFor();
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  await context.setOffline(true);
  await page.reload();
  await page.locator('.article-item').first().waitFor();
  return new URL(scope).pathname;
}

/** Open each article ({title, text}) from the list and check its title and body show. */
export async function openEach(page, articles) {
  for (const a of articles) {
    await page.locator('.article-item', { hasText: a.title }).click();
    await page.locator('h1.article-title', { hasText: a.title }).waitFor();
    const body = await page.locator('.article-body').innerText();
    if (!body.includes(bodySample(a.text))) throw new Error(`${a.title}: body does not show its text`);
  }
}

/** Click statement `stmt` (a locator) with the mouse where a reader clicks it: on its first
 *  character, scrolled to the middle of the window. The centre of a statement's box, where
 *  locator.click() aims, is often between two lines of a wrapped sentence — the paragraph's
 *  blank line spacing, not the statement's text. Fails if something else is drawn there. */
export async function clickStatement(page, stmt) {
  const place = async (el) => {
    // The app redraws a paragraph when the analysis arrives (a frame at a time): a statement
    // found a moment ago may have been replaced by its redrawn copy. Its boxes are then empty,
    // so say so and let the caller look it up again rather than aim at (0, 0).
    if (!el.isConnected) return null;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let t; let i = -1;
    while ((t = walker.nextNode()) && (i = t.data.search(/\S/)) < 0);
    if (!t) throw new Error(`statement ${el.dataset.s} has no text`);
    const range = document.createRange(); range.setStart(t, i); range.setEnd(t, i + 1);
    const glyph = () => range.getClientRects()[0] ?? range.getBoundingClientRect();
    window.scrollBy(0, glyph().top - innerHeight / 2);
    // Aim once the scrolled page has been drawn, as a person would: right after a scroll,
    // Chromium can still hit-test a paragraph redrawn while off screen by its old layout.
    await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
    if (!el.isConnected) return null;
    const r = glyph();
    const x = r.left + r.width / 2; const y = r.top + r.height / 2;
    const hit = document.elementFromPoint(x, y);
    // Chromium's hit test can answer with the statement's own paragraph before the page has
    // been clicked (seen on phone widths with `content-visibility: auto`); a click there still
    // lands on the statement (callers check it became current). Anything else is a cover.
    const own = hit?.closest('.article-body') && hit.contains(el);
    if (!el.contains(hit) && !own) throw new Error(`statement ${el.dataset.s}'s first character is covered by ${hit?.outerHTML.slice(0, 120)}`);
    return { x, y };
  };
  for (let tries = 0; ; tries++) {
    const at = await stmt.evaluate(place);
    if (at) return page.mouse.click(at.x, at.y);
    if (tries === 20) throw new Error('the statement kept being redrawn for a second');
    await page.waitForTimeout(50);
  }
}
