// Issue #19's table in one command: the app against the floor (a plain page, no framework, that
// fetches the same 100,000-word text and puts every sentence in a span and every capitalised run
// in a mark; and the same with `content-visibility: auto`), and npm compromise 14.17 analysing
// the same text in the same Chromium. Every page is opened cold (a fresh browser profile) and
// the pages of a run are interleaved, the order rotating from run to run. Run by
// `./dev bench table` (after `./dev build`); BENCH_RUNS=N runs (default 7), BENCH_PRESSES=N tag
// keys per run and page (default 10), BENCH_BEFORE=DIR adds another build's `dist/` (main's, say)
// as a column of the same run.
//
// What is measured, in the page (PerformanceObserver and timers of an init script; keys are
// real key presses through the DevTools protocol, so the browser's Event Timing sees them):
//   navigation → interactive     the first frame with the current sentence and (app) the toolbar
//   navigation → whole drawn     the first frame with every paragraph in the DOM
//   returning visit              the same page reloaded in its profile (the app's service worker
//                                has cached the site by then)
//   keypress → frame             keydown (its timeStamp) → the next animation frame's callback
//   keypress → painted           … → a task queued from that callback (runs after the paint)
//   keypress → double rAF        … → the animation frame after that
//   keypress → main thread free  … → a timeout queued after the post-paint save's timeout ran,
//                                or the end of the last long task the key set off, if later
//   long tasks per keypress      total of 'longtask' entries starting in the 1 s after keydown
//   Event Timing                 'event' entries for keydown (durationThreshold 16: a key with no
//                                entry took < 16 ms to its next paint)
//   analysis                     the article's UTF-8 bytes / the app's `annotator:analyze` (posted
//                                to the worker → answer read, the page drawing meanwhile), and /
//                                `annotator:analysis-in-worker` (the worker's own time); for
//                                compromise, nlp(text) plus its sentences, people, organisations
//                                and places
//   DOM nodes                    elements and text nodes once the whole article is drawn
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve, launch, readSeeds, DIST } from './harness.mjs';
import { ANNOTATIONS, median, quantile, benchSite, storeBenchRecord } from './bench-data.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const PRESSES = Number(process.env.BENCH_PRESSES ?? 10);
const BEFORE = process.env.BENCH_BEFORE ? path.resolve(process.env.BENCH_BEFORE) : null;

const seeds = await readSeeds();
const { text, record, extra } = benchSite(seeds);
const bytes = Buffer.byteLength(text);

// The floor: the article's sentences and capitalised runs, built with the DOM API in one go.
const floorPage = (cv) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>floor</title>
<style>body{font:18px/1.6 Georgia,serif;max-width:40em;margin:2em auto;padding:0 1em}
mark{background:#fde8a8}.current{outline:2px solid #36c}.tag-official{background:#dbeafe}
.tag-criticism{background:#fde2e2}.tag-speculation{background:#ede4fb}
${cv ? 'p{content-visibility:auto;contain-intrinsic-size:auto 10em}' : ''}</style></head><body><main></main><script>
(async () => {
  const text = await (await fetch('articles/long.txt')).text();
  const main = document.querySelector('main');
  const frag = document.createDocumentFragment();
  const sentences = [];
  for (const para of text.split(/\\n\\s*\\n/)) {
    const p = document.createElement('p');
    for (const s of para.match(/[^.!?]*[.!?]+["'\\u201d\\u2019)\\]]*\\s*|[^.!?]+$/g) ?? []) {
      const span = document.createElement('span');
      let at = 0;
      for (const m of s.matchAll(/[A-Z][\\w'\\u2019-]*(?:\\s+[A-Z][\\w'\\u2019-]*)*/g)) {
        if (m.index > at) span.append(s.slice(at, m.index));
        const mark = document.createElement('mark');
        mark.textContent = m[0];
        span.append(mark);
        at = m.index + m[0].length;
      }
      if (at < s.length) span.append(s.slice(at));
      p.append(span);
      sentences.push(span);
    }
    frag.append(p);
  }
  main.append(frag);
  let cur = 0;
  sentences[0].classList.add('current');
  const tags = { 1: 'tag-official', 2: 'tag-criticism', 3: 'tag-speculation' };
  document.addEventListener('keydown', (e) => {
    if (tags[e.key]) {
      const el = sentences[cur];
      el.classList.remove(...Object.values(tags));
      el.classList.add(tags[e.key]);
      // Saved after the paint, as the app does: one small record.
      const i = cur;
      requestAnimationFrame(() => setTimeout(() => localStorage.setItem('floor/' + i, JSON.stringify({ tag: e.key, quote: el.textContent }))));
    } else if (e.key === 'j') {
      sentences[cur].classList.remove('current');
      cur = Math.min(cur + 1, sentences.length - 1);
      sentences[cur].classList.add('current');
    }
  });
  requestAnimationFrame(() => { window.__interactive = window.__drawn = performance.now(); });
})();
</script></body></html>`;

const compromisePage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>compromise</title>
<script src="compromise.js"></script></head><body><script>
(async () => {
  const text = await (await fetch('articles/long.txt')).text();
  const t0 = performance.now();
  const doc = nlp(text);
  const found = [doc.sentences().length, doc.people().out('array').length,
    doc.organizations().out('array').length, doc.places().out('array').length];
  window.__analysis = performance.now() - t0;
  window.__found = found;
})();
</script></body></html>`;

extra['/floor.html'] = { type: 'text/html; charset=utf-8', body: floorPage(false) };
extra['/floor-cv.html'] = { type: 'text/html; charset=utf-8', body: floorPage(true) };
extra['/compromise.html'] = { type: 'text/html; charset=utf-8', body: compromisePage };
extra['/compromise.js'] = {
  type: 'text/javascript; charset=utf-8',
  body: fs.readFileSync(new URL('./node_modules/compromise/builds/compromise.js', import.meta.url)),
};

const servers = { app: await serve(DIST, extra) };
if (BEFORE) servers.before = await serve(BEFORE, extra);
const browser = await launch();

/** Runs in every page before its scripts: the probes behind every figure. */
function probes() {
  const app = () => document.querySelector('.article-body');
  new MutationObserver((_, obs) => {
    if (!app() || !document.querySelector('.stmt.current') || !document.querySelector('.tag-bar')) return;
    if (window.__interactive === undefined && !window.__pendingI) {
      window.__pendingI = true;
      requestAnimationFrame(() => { window.__interactive = performance.now(); });
    }
    if (!document.querySelector('.drawing')) {
      obs.disconnect();
      requestAnimationFrame(() => { window.__drawn = performance.now(); });
    }
  }).observe(document, { childList: true, subtree: true });
  window.__long = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push([e.startTime, e.duration]); })
    .observe({ type: 'longtask', buffered: true });
  window.__events = [];
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) if (e.name === 'keydown') window.__events.push([e.startTime, e.duration]);
  }).observe({ type: 'event', durationThreshold: 16, buffered: true });
  addEventListener('keydown', (e) => {
    if (!/^[123]$/.test(e.key)) return;
    const t0 = e.timeStamp;
    const rec = { t0 };
    window.__press = rec;
    requestAnimationFrame(() => {
      rec.frame = performance.now() - t0;
      const c = new MessageChannel();
      c.port1.onmessage = () => { rec.painted = performance.now() - t0; };
      c.port2.postMessage(0);
      requestAnimationFrame(() => { rec.frame2 = performance.now() - t0; });
      // The app and the floor save from a timeout queued in their own animation-frame callback
      // of this frame (after this one): a timeout queued from a timeout queued now runs after it.
      setTimeout(() => setTimeout(() => { rec.saved = performance.now() - t0; }));
    });
  }, true);
}

const KINDS = ['floor', 'floor-cv', 'app', ...(BEFORE ? ['before'] : []), 'compromise'];
const r = Object.fromEntries(KINDS.map((k) => [k, {
  interactive: [], drawn: [], returning: [], frame: [], painted: [], frame2: [], free: [], long: [], event: [],
  analysis: [], inWorker: [], nodes: [],
}]));

async function measure(kind) {
  const out = r[kind];
  const server = servers[kind === 'before' ? 'before' : 'app'];
  const url = server.base + ({ floor: '/floor.html', 'floor-cv': '/floor-cv.html', compromise: '/compromise.html' }[kind] ?? '/');
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  if (kind === 'app' || kind === 'before') await storeBenchRecord(context, record);
  await context.addInitScript(probes);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  if (kind === 'compromise') {
    await page.waitForFunction(() => window.__analysis !== undefined, null, { timeout: 300_000 });
    out.analysis.push(bytes / 1e6 / ((await page.evaluate(() => window.__analysis)) / 1000));
    await context.close();
    return;
  }
  await page.waitForFunction(() => window.__drawn !== undefined, null, { timeout: 120_000 });
  const t = await page.evaluate(() => ({
    interactive: window.__interactive, drawn: window.__drawn,
    analyze: performance.getEntriesByName('annotator:analyze')[0]?.duration,
    inWorker: performance.getEntriesByName('annotator:analysis-in-worker')[0]?.duration,
    nodes: (() => { const w = document.createTreeWalker(document, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT); let n = 0; while (w.nextNode()) n++; return n; })(),
  }));
  out.interactive.push(t.interactive);
  out.drawn.push(t.drawn);
  out.nodes.push(t.nodes);
  if (t.analyze) out.analysis.push(bytes / 1e6 / (t.analyze / 1000));
  if (t.inWorker) out.inWorker.push(bytes / 1e6 / (t.inWorker / 1000));
  for (let i = 0; i < PRESSES; i++) {
    await page.evaluate(() => { window.__press = null; });
    await page.keyboard.press(String(1 + (i % 3)));
    await page.waitForFunction(() => window.__press?.saved !== undefined && window.__press?.frame2 !== undefined, null, { timeout: 30_000 });
    await page.waitForTimeout(100);
    const p = await page.evaluate(() => {
      const { t0 } = window.__press;
      const long = window.__long.filter(([s]) => s >= t0 - 1 && s < t0 + 1000).reduce((a, [, d]) => a + d, 0);
      const ev = window.__events.find(([s]) => Math.abs(s - t0) < 1);
      // Free again: after the post-paint save and after the last long task the key set off.
      const lastLong = window.__long.filter(([s]) => s >= t0 - 1 && s < t0 + 1000).reduce((a, [s, d]) => Math.max(a, s + d - t0), 0);
      return { ...window.__press, free: Math.max(window.__press.saved, lastLong), long, event: ev ? ev[1] : 0 };
    });
    for (const k of ['frame', 'painted', 'frame2', 'free', 'long', 'event']) out[k].push(p[k]);
    await page.keyboard.press('j');
    await page.waitForTimeout(150);
  }
  if (kind !== 'floor' && kind !== 'floor-cv') {
    const tagged = await page.locator('.stmt.tag').count();
    if (!tagged) throw new Error(`${kind}: no statement is tagged after the key presses`);
  }
  // A returning visit (the app's service worker registers 2 s after start and has cached the
  // site during the key presses).
  await page.evaluate(() => { window.__interactive = undefined; });
  await page.reload();
  await page.waitForFunction(() => window.__interactive !== undefined, null, { timeout: 120_000 });
  out.returning.push(await page.evaluate(() => window.__interactive));
  if (errors.length) throw new Error(`${kind}: ${errors.join('\n')}`);
  await context.close();
}

console.log(`article: ${text.split(/\s+/).length} words, ${(bytes / 1e6).toFixed(2)} MB; ${ANNOTATIONS} stored annotations; ${RUNS} cold runs × ${PRESSES} tag keys${BEFORE ? `; before = ${BEFORE}` : ''}`);
for (let run = 0; run < RUNS; run++) {
  const order = KINDS.map((_, i) => KINDS[(i + run) % KINDS.length]);
  for (const kind of order) await measure(kind);
  process.stdout.write(`run ${run + 1}/${RUNS} done\n`);
}
await browser.close();
for (const s of Object.values(servers)) await s.close();

// The shipped app: its wasm and JS, gzip -9.
function shipped(dir) {
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const files = fs.readdirSync(dir).filter((f) => /^annotator-.*(_bg\.wasm|\.js)$/.test(f) || f === 'early.js')
    .filter((f) => html.includes(f) || f.endsWith('.wasm'));
  return files.reduce((a, f) => a + zlib.gzipSync(fs.readFileSync(path.join(dir, f)), { level: 9 }).length, 0);
}

const ms = (x) => `${x.toFixed(x < 10 ? 1 : 0)}`;
const cell = (xs, f = ms, unit = ' ms') => xs.length ? `${f(median(xs))}${unit} (${f(Math.min(...xs))}–${f(Math.max(...xs))})` : '–';
const ratio = (a, b) => (a.length && b.length && median(b) > 0 ? `${(median(a) / median(b)).toFixed(2)}×` : '–');
const under16 = (xs) => `${xs.filter((d) => d < 16).length}/${xs.length}, p75 ${quantile(xs, 0.75) < 16 ? '< 16' : quantile(xs, 0.75)} ms`;
const apps = ['app', ...(BEFORE ? ['before'] : [])];
const head = ['measure', 'floor', 'floor, content-visibility', ...apps.flatMap((a) => [a === 'app' ? 'app' : 'before (BENCH_BEFORE)', `${a} / floor`, `${a} / floor-cv`])];
const rows = [];
const row = (name, key, f = cell, rat = ratio) => rows.push([name, f(r.floor[key]), f(r['floor-cv'][key]),
  ...apps.flatMap((a) => [f(r[a][key]), rat(r[a][key], r.floor[key]), rat(r[a][key], r['floor-cv'][key])])]);
row('navigation → interactive (first visit)', 'interactive');
row('navigation → interactive (returning visit)', 'returning');
row('navigation → whole article drawn', 'drawn');
row('tag keypress → next frame (rAF)', 'frame');
row('tag keypress → painted (rAF + task)', 'painted');
row('tag keypress → double rAF', 'frame2');
row('tag keypress → main thread free again (incl. the save)', 'free');
row('long tasks per keypress (total ms)', 'long');
row('Event Timing keydown → next paint: under 16 ms, p75', 'event', (xs) => xs.length ? under16(xs) : '–', () => '');
rows.push(['analysis, first visit (MB/s): compromise (floor column), app', cell(r.compromise.analysis, (x) => x.toFixed(2), ' MB/s'), '',
  ...apps.flatMap((a) => [cell(r[a].analysis, (x) => x.toFixed(1), ' MB/s'), `${(median(r[a].analysis) / median(r.compromise.analysis)).toFixed(0)}× compromise`, ''])]);
rows.push(["… the app's analysis in its worker alone (MB/s)", '', '',
  ...apps.flatMap((a) => (r[a].inWorker.length
    ? [cell(r[a].inWorker, (x) => x.toFixed(1), ' MB/s'), `${(median(r[a].inWorker) / median(r.compromise.analysis)).toFixed(0)}× compromise`, '']
    : ['–', '', '']))]);
row('DOM nodes (elements + text)', 'nodes', (xs) => xs.length ? String(median(xs)) : '–');
rows.push(['wasm + JS shipped, gzip -9', '–', '–', ...apps.flatMap((a) => [`${Math.round(shipped(a === 'app' ? DIST : BEFORE) / 1000)} KB`, '', ''])]);
console.log(`\n| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|`);
for (const x of rows) console.log(`| ${x.join(' | ')} |`);
