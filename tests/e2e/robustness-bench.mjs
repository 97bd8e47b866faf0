// Robustness benchmark (issue #20): large and hostile input in the release build, in Chromium.
// For each case prints how long the page's main thread was blocked at most (the longest task
// the browser reports, PerformanceObserver 'longtask'; the target is ≤ 200 ms) and, for the
// memory case, the wasm memory before and after. Run: `node tests/e2e/robustness-bench.mjs`
// after `trunk build --release --offline` (docs/robustness.md has the figures).
//
//   5,000 own articles          the page loads with 5,000 own articles (a page of them listed),
//                               and "Show more" is clicked three times
//   10,000 imported annotations importing one file of 10,000 annotations into the open article
//   one-letter quote, context   importing one annotation: quote "e", 2,000 characters each side
//   5 MB line                   opening a 5 MB one-line file as an own article (refused by size)
//   2 MB line                   opening the largest own article accepted, one line of 2 MB
//   5 MB site article           opening a site's article that is one line of 5 MB
//   100,000-word article        opening the table bench's article (as an own article)
//   800 KB paragraph            a key press on an own article that is one 800 KB paragraph
//   1,000 tag changes           wasm memory over two rounds of 1,000 tag changes on 5,000
//                               annotations (and the heap in use, `src/heap_use.rs`)
//   a tag, 5,000 annotations    bytes written to local storage per tag key, and keypress → the
//                               end of the post-paint save (the main thread free again)
//
// `BENCH_DIST=DIR` measures another built site (an earlier release) the same way.
// `ONLY=name` runs only the cases whose name contains it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, readSeeds } from './harness.mjs';
import { longArticle } from './bench-data.mjs';

const [server, browser, seeds] = await Promise.all([serve(process.env.BENCH_DIST ? path.resolve(process.env.BENCH_DIST) : undefined), launch(), readSeeds()]);
const ONLY = process.env.ONLY || process.env.ROBUST_ONLY;
const only = (name) => !ONLY || name.includes(ONLY);
const seed = seeds[0];
const KEY = (id) => `annotator/v2/annotations/${id}`;
const results = [];

async function page(seedStorage, arg) {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  if (seedStorage) {
    await ctx.addInitScript(`(() => { if (sessionStorage.getItem('seeded')) return; sessionStorage.setItem('seeded', '1');
      (${seedStorage.toString()})(${JSON.stringify(arg ?? null)}); })()`);
  }
  await ctx.addInitScript(() => {
    // Trunk's loader announces the instance; its memory is what the app's heap grows in.
    addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail?.wasm; window.__wasmMemory = e.detail?.wasm?.memory; });
    window.__longest = 0;
    window.__tasks = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) { window.__longest = Math.max(window.__longest, e.duration); window.__tasks.push(`${Math.round(e.duration)}@${Math.round(e.startTime)}`); } })
      .observe({ type: 'longtask', buffered: true });
  });
  const p = await ctx.newPage();
  return { ctx, p };
}

/** Reset the longest task, run `act`, wait until `done` holds, and report the longest task. */
async function blocked(p, act, done) {
  await p.evaluate(() => { window.__longest = 0; window.__tasks = []; });
  const t0 = Date.now();
  await act();
  await done();
  await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100))));
  if (process.env.TASKS) {
    // Each long task as duration@start, and the app's marks and measures (src/timing.rs) on the
    // same clock, to tell which work a long task was.
    console.log('  long tasks (ms@ms):', await p.evaluate(() => window.__tasks.join(' ')));
    console.log('  marks:', await p.evaluate(() => performance.getEntries().filter((e) => e.name.startsWith('annotator:'))
      .map((e) => `${e.name.replace('annotator:', '')}@${Math.round(e.startTime)}${e.entryType === 'measure' ? `+${Math.round(e.duration)}` : ''}`).join(' ')));
  }
  return { longest: await p.evaluate(() => window.__longest), wall: Date.now() - t0 };
}

/** The app's User Timing measures (`src/timing.rs`), longest of each name, as text. */
async function measures(p) {
  const m = await p.evaluate(() => performance.getEntriesByType('measure').map((e) => [e.name, e.duration]));
  const longest = {};
  for (const [n, d] of m) longest[n] = Math.max(longest[n] ?? 0, d);
  return Object.entries(longest).map(([n, d]) => `${n.replace('annotator:', '')} ${d.toFixed(0)}`).join(', ');
}

function report(name, { longest, wall }, extra = '') {
  results.push([name, longest]);
  console.log(`${name.padEnd(30)} longest task ${longest.toFixed(0).padStart(6)} ms   wall ${String(wall).padStart(6)} ms ${extra}`);
}

const sentence = seed.text.split('\n').find((l) => l.length > 80).split('. ')[0];
const anno = (i, exact, start, extra = {}) => ({
  type: 'Annotation', id: `urn:annotator:annotation:b${i}`,
  body: [{ type: 'TextualBody', purpose: 'tagging', value: ['official', 'criticism', 'speculation'][i % 3] }],
  target: { source: `urn:annotator:article:${seed.id}`, selector: [{ type: 'TextQuoteSelector', exact, prefix: '', suffix: '', ...extra },
    { type: 'TextPositionSelector', start, end: start + Array.from(exact).length }] },
});

// Files are handed to the page from disk, as a person picking one does: given as a buffer,
// Playwright decodes it inside the page with script, one long task of the page's main thread
// (1.7 s for 3 MB under load) that is the harness's, not the app's.
const FILES = fs.mkdtempSync(path.join(os.tmpdir(), 'robustness-'));
function onDisk(name, body) {
  const file = path.join(FILES, name);
  fs.writeFileSync(file, body);
  return file;
}

async function importFile(p, name, body) {
  await p.getByRole('tab', { name: 'Share' }).click();
  await p.locator('.share input[type=file]').setInputFiles(onDisk(name, body));
}

async function open(p) {
  await p.goto(server.base + '/');
  await p.locator('.article-item', { hasText: seed.title }).click();
  await p.locator('.article-body .stmt').first().waitFor();
}

// 5,000 own articles.
if (only('own articles')) {
  const { ctx, p } = await page((n) => {
    const articles = Array.from({ length: n }, (_, i) => ({ id: `own-${i}`, file: '', title: `Own article ${i}`, source: 'Your article', words: 100 }));
    localStorage.setItem('annotator/v1/own/index', JSON.stringify({ version: 1, articles }));
  }, 5000);
  // The list shows a page of them; "Show more" is clicked until the last one is there.
  // The list shows a page of them: the page loads, and "Show more" is clicked three times with
  // the mouse where the button is; counted with one cheap query (Playwright's own locators scan
  // the titles in the page's main thread, which would count as the app's).
  const r = await blocked(p, () => p.goto(server.base + '/'), async () => {
    await p.locator('.own-more').waitFor();
    for (let i = 0; i < 3; i++) {
      const n = await p.evaluate(() => document.querySelectorAll('.own-item').length);
      const box = await p.evaluate(() => { const b = document.querySelector('.own-more'); b.scrollIntoView({ block: 'center' }); const r = b.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; });
      await p.mouse.click(box.x, box.y);
      await p.waitForFunction((k) => document.querySelectorAll('.own-item').length > k, n);
    }
  });
  report('5,000 own articles', r, await measures(p));
  await ctx.close();
}

// 10,000 imported annotations (spread over the article's text, each a word).
if (only('imported')) {
  const { ctx, p } = await page();
  await open(p);
  const words = [...seed.text.matchAll(/\p{L}{4,}/gu)];
  const list = Array.from({ length: 10000 }, (_, i) => {
    const m = words[i % words.length];
    return anno(i, m[0], Array.from(seed.text.slice(0, m.index)).length);
  });
  const r = await blocked(p, () => importFile(p, 'many.json', JSON.stringify(list)), () => p.locator('.notice.info').waitFor({ timeout: 120000 }));
  report('10,000 imported annotations', r, await measures(p));
  await ctx.close();
}

// One imported annotation: a one-letter quote with 2,000 characters of context each side.
if (only('one-letter')) {
  const { ctx, p } = await page();
  await open(p);
  const a = anno(1, 'e', 5, { prefix: 'p'.repeat(2000), suffix: 's'.repeat(2000) });
  const r = await blocked(p, () => importFile(p, 'context.json', JSON.stringify([a])), () => p.locator('.notice.info').waitFor({ timeout: 120000 }));
  report('one-letter quote, 2,000 context', r);
  const again = await blocked(p, () => p.reload(), () => p.locator('.article-body .stmt').first().waitFor({ timeout: 120000 }));
  report('  … and opening it again', again);
  await ctx.close();
}

// A 5 MB one-line file.
if (only('5 MB')) {
  const { ctx, p } = await page();
  await p.goto(server.base + '/');
  await p.getByRole('button', { name: '+ Add your own article' }).click();
  const file = onDisk('line.txt', 'word '.repeat(1024 * 1024));
  const r = await blocked(p, () => p.locator('.add-form input[type=file]').setInputFiles(file),
    () => p.locator('.form-error').waitFor({ timeout: 120000 }));
  report('5 MB line', r);
  await ctx.close();
}

// The largest own article accepted (MAX_OWN_BYTES, 2 MB) as one line: opening it. What a 5 MB
// line would cost were it taken in; the 5 MB file itself is refused by its size before it is read.
if (only('2 MB')) {
  const line = (sentence + '. ').repeat(Math.floor(2 * 1024 * 1024 / (sentence.length + 2)));
  const { ctx, p } = await page(([line]) => {
    localStorage.setItem('annotator/v1/own/index', JSON.stringify({ version: 1, articles: [{ id: 'own-line', file: '', title: 'Line', source: 'Your article', words: 1 }] }));
    localStorage.setItem('annotator/v1/own/text/own-line', 'Line\n' + line);
    localStorage.setItem('annotator/v1/selected', '"own-line"');
  }, [line]);
  const r = await blocked(p, () => p.goto(server.base + '/'), () => p.locator('.article-body .stmt').first().waitFor({ timeout: 300000 }));
  report('2 MB line, opened', r, await measures(p));
  await ctx.close();
}

// A 5 MB one-line article of the site (a teacher's, fetched, never stored, so no size limit
// applies): chosen in the list with the mouse, until its first statement shows.
if (only('5 MB site')) {
  const line = (sentence + '. ').repeat(Math.floor(5 * 1024 * 1024 / (sentence.length + 2)));
  const manifest = { version: 1, articles: [{ id: 'big', file: 'big.txt', title: 'A five-megabyte line', source: 'generated', words: 1 }] };
  const site = await serve(process.env.BENCH_DIST ? path.resolve(process.env.BENCH_DIST) : undefined, {
    '/articles/manifest.json': { type: 'application/json', body: JSON.stringify(manifest) },
    '/articles/big.txt': { type: 'text/plain; charset=utf-8', body: 'A five-megabyte line\n\n' + line },
  });
  const { ctx, p } = await page();
  await p.goto(site.base + '/');
  const item = p.locator('.article-item', { hasText: 'A five-megabyte line' });
  await item.waitFor();
  const box = await item.boundingBox();
  const r = await blocked(p, () => p.mouse.click(box.x + 20, box.y + box.height / 2),
    () => p.locator('.article-body .stmt').first().waitFor({ timeout: 300000 }));
  report('5 MB site article, opened', r, await measures(p));
  await ctx.close();
  await site.close();
}

// The table bench's 100,000-word article (tests/e2e/bench-data.mjs) as an own article: opening it.
// Its measures include the main thread's share of the analysis: receiving the worker's answer
// (`analysis-received`, the copy and the read of formats::analysis).
if (only('100,000')) {
  const long = longArticle(seeds);
  const { ctx, p } = await page(([text]) => {
    localStorage.setItem('annotator/v1/own/index', JSON.stringify({ version: 1, articles: [{ id: 'own-long', file: '', title: 'Long', source: 'Your article', words: 1 }] }));
    localStorage.setItem('annotator/v1/own/text/own-long', text);
    localStorage.setItem('annotator/v1/selected', '"own-long"');
  }, [long]);
  const r = await blocked(p, () => p.goto(server.base + '/'), () => p.locator('.article-body .stmt').first().waitFor({ timeout: 300000 }));
  report('100,000-word article, opened', r, await measures(p));
  await ctx.close();
}

// An own article that is one 800 KB paragraph: a key press.
if (only('800 KB')) {
  const para = (sentence + '. ').repeat(Math.ceil(800_000 / (sentence.length + 2)));
  const { ctx, p } = await page(([para]) => {
    localStorage.setItem('annotator/v1/own/index', JSON.stringify({ version: 1, articles: [{ id: 'own-big', file: '', title: 'Big', source: 'Your article', words: 1 }] }));
    localStorage.setItem('annotator/v1/own/text/own-big', 'Big\n' + para);
    localStorage.setItem('annotator/v1/selected', '"own-big"');
  }, [para]);
  await p.goto(server.base + '/');
  await p.locator('.article-body .stmt').first().waitFor({ timeout: 120000 });
  await p.waitForTimeout(1000);
  const r = await blocked(p, () => p.keyboard.press('1'), () => p.locator('.stmt.tag-official').first().waitFor({ timeout: 120000 }));
  report('800 KB paragraph, key press', r);
  await ctx.close();
}

// 5,000 stored annotations, each a word of the article.
const words3 = [...seed.text.matchAll(/\p{L}{3,}/gu)];
const stored = Array.from({ length: 5000 }, (_, i) => {
  const m = words3[i % words3.length];
  const start = Array.from(seed.text.slice(0, m.index)).length;
  return { id: `m${i}`, quote: { exact: m[0], prefix: '', suffix: '' }, position: { start, end: start + m[0].length }, tag: 'official', note: '', created: 1, modified: 1 };
});

// One tag key at a time with 5,000 stored annotations: what each writes, and how long until the
// page is free again (the keydown's time to the end of the save that follows it).
if (only('a tag')) {
  const { ctx, p } = await page(([k, id, list]) => localStorage.setItem(k, JSON.stringify({ version: 2, article: id, annotations: list })), [KEY(seed.id), seed.id, stored]);
  await ctx.addInitScript(() => {
    window.__written = 0;
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) { window.__written += String(k).length + String(v).length; return set.call(this, k, v); };
    addEventListener('keydown', (e) => { window.__keyAt = e.timeStamp; }, true);
  });
  await open(p);
  const keys = ['1', '2', '3', '0'];
  const bytes = [];
  const free = [];
  for (let i = 0; i < 40; i++) {
    await p.evaluate(() => { window.__written = 0; performance.clearMeasures('annotator:save'); });
    await p.keyboard.press(keys[i % 4]);
    // An earlier release has no save measure: then only the bytes are counted.
    const end = await p.waitForFunction(() => { const m = performance.getEntriesByName('annotator:save').at(-1); return m && m.startTime + m.duration; }, null, { timeout: 3000 })
      .catch(() => p.waitForTimeout(500).then(() => null));
    if (end) free.push((await end.jsonValue()) - (await p.evaluate(() => window.__keyAt)));
    bytes.push(await p.evaluate(() => window.__written));
    if (i % 5 === 4) await p.keyboard.press('j');
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  // Folding the journal in, once input pauses: the first time (the record as the bench wrote
  // it), and again after ten more tags (the record as the app wrote it).
  const pauses = [];
  for (let round = 0; round < 2; round++) {
    if (round) for (let i = 0; i < 10; i++) { await p.keyboard.press(keys[i % 4]); await p.keyboard.press('j'); }
    await p.evaluate(() => performance.clearMeasures('annotator:compact'));
    const pause = await blocked(p, () => p.waitForTimeout(2500), async () => {});
    const compact = await p.evaluate(() => performance.getEntriesByName('annotator:compact').at(-1)?.duration ?? null);
    pauses.push(`${pause.longest.toFixed(0)} ms (folded in: ${compact === null ? 'no journal' : compact.toFixed(0) + ' ms'})`);
  }
  console.log(`${'a tag, 5,000 annotations'.padEnd(30)} bytes written per tag median ${median(bytes)} (max ${Math.max(...bytes)})   keypress → main thread free ${free.length ? `median ${median(free).toFixed(1)} ms (max ${Math.max(...free).toFixed(1)})` : 'not measured'}`);
  console.log(`${'  … the pauses after them'.padEnd(30)} longest task, first ${pauses[0]}, again ${pauses[1]}`);
  if (free.length) results.push(['a tag: keypress → free', median(free)]);
  await ctx.close();
}

// Memory over 1,000 tag changes with 5,000 stored annotations.
if (only('memory')) {
  const { ctx, p } = await page(([k, id, list]) => localStorage.setItem(k, JSON.stringify({ version: 2, article: id, annotations: list })), [KEY(seed.id), seed.id, stored]);
  await open(p);
  const cdp = await ctx.newCDPSession(p);
  const memory = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return p.evaluate(() => window.__wasmMemory.buffer.byteLength);
  };
  // What the app holds on its heap (`src/heap_use.rs`; an earlier release has no count): bytes in
  // use now, and the most at once since the last reading.
  const heap = () => p.evaluate(() => {
    const w = window.__wasm;
    if (!w?.heap_in_use) return null;
    const r = [w.heap_in_use(), w.heap_peak()];
    w.heap_peak_reset();
    return r;
  });
  const keys = ['1', '2', '3', '0'];
  const mb = (x) => (x / 1048576).toFixed(1);
  // Two rounds of 1,000 changes, read every 100: the first fills undo (UNDO_LIMIT, 1,000 steps,
  // each holding the record a change touched) and folds the first journals in, which sets the
  // allocator's high-water mark; the second is what the reader's further work costs, and is
  // flat when nothing grows with the number of changes.
  for (let i = 0; i < 50; i++) await p.keyboard.press(keys[i % 4]);
  let before = 0;
  let after = 0;
  for (const round of ['first', 'second']) {
    const start = await memory();
    const heapStart = await heap();
    const line = [];
    const heaps = [];
    const t0 = Date.now();
    for (let i = 0; i < 1000; i++) {
      await p.keyboard.press(keys[i % 4]);
      if (i % 7 === 0) await p.keyboard.press('j');
      if (i % 100 === 99) {
        await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100))));
        line.push(await memory());
        heaps.push(await heap());
      }
    }
    await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 500))));
    const end = await memory();
    if (round === 'second') [before, after] = [start, end];
    console.log(`${`1,000 tag changes, ${round}`.padEnd(30)} memory ${mb(start)} MB → ${mb(end)} MB   wall ${Date.now() - t0} ms`);
    console.log(`${'  … every 100 changes'.padEnd(30)} ${line.map(mb).join(' ')} MB`);
    if (heapStart) {
      console.log(`${'  … heap in use'.padEnd(30)} ${mb(heapStart[0])} MB, then ${heaps.map((h) => mb(h[0])).join(' ')} MB`);
      console.log(`${'  … most in use at once'.padEnd(30)} ${heaps.map((h) => mb(h[1])).join(' ')} MB (per 100 changes)`);
    }
  }
  results.push(['memory growth MB', (after - before) / 1048576]);
  await ctx.close();
}

await browser.close();
await server.close();
fs.rmSync(FILES, { recursive: true, force: true });
const over = results.filter(([n, v]) => !n.startsWith('memory') && v > 200);
console.log(over.length ? `over 200 ms: ${over.map(([n]) => n).join(', ')}` : 'every case within 200 ms');
