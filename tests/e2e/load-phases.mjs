// Where the table bench's first and returning visits go (issue #19): the 100,000-word article with
// 5,000 stored annotations (tests/e2e/bench-data.mjs) opened cold and then reloaded, under a
// DevTools performance trace (devtools.timeline categories, all threads). Prints, per visit, the
// app's User Timing marks, the network requests (start → end), and each thread's busy time up to
// "interactive" (the first frame with the current sentence and the toolbar, as table-bench.mjs
// probes it) split by what the browser did (self time of the trace's events: script, wasm
// compilation, style, layout, paint, GC…). Medians over BENCH_RUNS runs (default 3); with
// BENCH_BEFORE=DIR the same for another build's dist/, interleaved.
//   node tests/e2e/load-phases.mjs
import path from 'node:path';
import { serve, launch, readSeeds, DIST } from './harness.mjs';
import { median, benchSite, storeBenchRecord } from './bench-data.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const BEFORE = process.env.BENCH_BEFORE ? path.resolve(process.env.BENCH_BEFORE) : null;
const { record, extra } = benchSite(await readSeeds());
const servers = { app: await serve(DIST, extra), ...(BEFORE ? { before: await serve(BEFORE, extra) } : {}) };
const browser = await launch();

function probes() {
  new MutationObserver((_, obs) => {
    if (!document.querySelector('.article-body') || !document.querySelector('.stmt.current') || !document.querySelector('.tag-bar')) return;
    if (window.__interactive === undefined && !window.__pendingI) {
      window.__pendingI = true;
      requestAnimationFrame(() => { window.__interactive = performance.now(); });
    }
    if (!document.querySelector('.drawing')) {
      obs.disconnect();
      requestAnimationFrame(() => { window.__drawn = performance.now(); });
    }
  }).observe(document, { childList: true, subtree: true });
}

/** What a trace event's self time is counted as. */
function kind(e) {
  const n = e.name;
  if (/GC|Scavenge|Sweep|Mark/i.test(n) && !/UserTiming|mark$/.test(n)) return 'GC';
  if (/wasm/i.test(n) || /^v8\.wasm/.test(n)) return 'wasm compile';
  if (/^(v8\.compile|v8\.parseOnBackground|V8\.CompileCode|v8\.compileModule)/.test(n) || n === 'CompileScript' || n === 'CacheScript') return 'JS compile';
  if (n === 'UpdateLayoutTree' || n === 'RecalculateStyles' || n === 'ParseAuthorStyleSheet') return 'style';
  if (n === 'Layout' || n === 'UpdateLayerTree' || n === 'PrePaint' || n === 'IntersectionObserverController::computeIntersections') return 'layout';
  if (/Paint|Composite|Layerize|Commit/.test(n)) return 'paint';
  if (n === 'ParseHTML') return 'HTML parse';
  if (/^(FunctionCall|EvaluateScript|v8\.run|v8\.callFunction|TimerFire|FireAnimationFrame|EventDispatch|RunMicrotasks|v8\.evaluateModule|FireIdleCallback|v8\.execute|HandlePostMessage|XHRLoad|XHRReadyStateChange|ResourceReceivedData)$/.test(n)) return 'script';
  return 'other';
}

/** Self time per kind, per thread, of the complete events in [from, to] (µs trace time). */
function busy(events, tid, pid, from, to) {
  const xs = events.filter((e) => e.ph === 'X' && e.tid === tid && e.pid === pid && e.dur !== undefined && e.ts >= from && e.ts <= to)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const out = {};
  const stack = [];
  const add = (e, d) => { const k = e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask' ? 'other' : kind(e); out[k] = (out[k] ?? 0) + d / 1000; };
  const self = new Map();
  for (const e of xs) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) self.set(parent, (self.get(parent) ?? parent.dur) - e.dur);
    self.set(e, self.get(e) ?? e.dur);
    stack.push(e);
  }
  let total = 0;
  for (const [e, d] of self) add(e, Math.max(0, d));
  // Total busy: the top-level events' durations.
  let end = -1;
  for (const e of xs) { if (e.ts >= end) { total += e.dur / 1000; end = e.ts + e.dur; } }
  out.total = total;
  return out;
}

async function visit(kind) {
  const server = servers[kind];
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  await storeBenchRecord(context, record);
  await context.addInitScript(probes);
  const page = await context.newPage();
  const out = [];
  for (const which of ['first', 'returning']) {
    await browser.startTracing(page, {
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8', 'v8.wasm', 'disabled-by-default-v8.gc', 'loading', 'toplevel'],
    });
    if (which === 'first') await page.goto(server.base + '/');
    else { await page.evaluate(() => { window.__interactive = undefined; }); await page.reload(); }
    await page.waitForFunction(() => window.__interactive !== undefined && window.__drawn !== undefined
      && performance.getEntriesByName('annotator:article-ready').length > 0, null, { timeout: 120_000 });
    await page.waitForTimeout(300);
    const page_ = await page.evaluate(() => ({
      interactive: window.__interactive, drawn: window.__drawn,
      marks: performance.getEntriesByType('mark').filter((m) => m.name.startsWith('annotator:')).map((m) => [m.name, m.startTime]),
      measures: performance.getEntriesByType('measure').filter((m) => m.name.startsWith('annotator:')).map((m) => [m.name, m.startTime, m.duration]),
      resources: performance.getEntriesByType('resource').map((r) => [r.name.replace(/^.*\//, ''), r.startTime, r.responseEnd, r.transferSize]),
    }));
    const trace = JSON.parse((await browser.stopTracing()).toString());
    const events = trace.traceEvents ?? trace;
    // The page's renderer: the process whose main thread has the app's marks.
    const markEv = events.find((e) => e.name === 'annotator:wasm-started' || e.name === 'annotator:list-fetched');
    const pid = markEv?.pid;
    const names = new Map(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === pid).map((e) => [e.tid, e.args.name]));
    const mainTid = [...names].find(([, n]) => n === 'CrRendererMain')?.[0];
    const nav = events.filter((e) => e.name === 'navigationStart' && e.pid === pid).map((e) => e.ts).sort((a, b) => b - a)[0];
    const threads = {};
    for (const [tid, n] of names) {
      if (!/CrRendererMain|DedicatedWorker|ThreadPoolForegroundWorker|V8 Worker/.test(n)) continue;
      const label = tid === mainTid ? 'main' : /Dedicated/.test(n) ? 'worker' : 'pool';
      const b = busy(events, tid, pid, nav, nav + page_.interactive * 1000);
      const prev = threads[label] ?? {};
      for (const [k, v] of Object.entries(b)) prev[k] = (prev[k] ?? 0) + v;
      threads[label] = prev;
    }
    out.push({ which, ...page_, threads });
  }
  await context.close();
  return out;
}

const results = Object.fromEntries(Object.keys(servers).map((k) => [k, []]));
for (let run = 0; run < RUNS; run++) {
  for (const k of (run % 2 ? Object.keys(servers).reverse() : Object.keys(servers))) results[k].push(await visit(k));
}
await browser.close();
for (const s of Object.values(servers)) await s.close();

const f = (x) => (x === undefined ? '–' : x.toFixed(0));
for (const [k, runs] of Object.entries(results)) {
  for (const [v, which] of ['first', 'returning'].entries()) {
    const vs = runs.map((r) => r[v]);
    console.log(`\n## ${k === 'app' ? 'this build' : 'before'}, ${which} visit (medians of ${vs.length}; ms from navigation)`);
    console.log(`interactive ${f(median(vs.map((x) => x.interactive)))}, whole drawn ${f(median(vs.map((x) => x.drawn)))}`);
    const markNames = [...new Set(vs.flatMap((x) => x.marks.map(([n]) => n)))];
    for (const n of markNames) console.log(`  mark    ${n.padEnd(36)} ${f(median(vs.map((x) => x.marks.find(([m]) => m === n)?.[1]).filter((y) => y !== undefined)))}`);
    const measureNames = [...new Set(vs.flatMap((x) => x.measures.map(([n]) => n)))];
    for (const n of measureNames) {
      const got = vs.map((x) => x.measures.find(([m]) => m === n)).filter(Boolean);
      console.log(`  measure ${n.padEnd(36)} ${f(median(got.map((m) => m[1])))} + ${f(median(got.map((m) => m[2])))} ms`);
    }
    const res = [...new Set(vs.flatMap((x) => x.resources.map(([n]) => n)))];
    for (const n of res) {
      const got = vs.map((x) => x.resources.find(([m]) => m === n)).filter(Boolean);
      console.log(`  fetch   ${n.slice(0, 36).padEnd(36)} ${f(median(got.map((m) => m[1])))} → ${f(median(got.map((m) => m[2])))}`);
    }
    for (const t of ['main', 'worker', 'pool']) {
      const ks = [...new Set(vs.flatMap((x) => Object.keys(x.threads[t] ?? {})))];
      if (!ks.length) continue;
      const cells = ks.map((kk) => [kk, median(vs.map((x) => x.threads[t]?.[kk] ?? 0))]).sort((a, b) => b[1] - a[1]);
      console.log(`  ${t} thread busy until interactive: ${cells.map(([kk, m]) => `${kk} ${f(m)}`).join(', ')}`);
    }
  }
}
