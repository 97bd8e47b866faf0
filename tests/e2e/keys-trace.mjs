// Where a tag key's time goes between keydown and the frame on screen (issue #19): a DevTools
// trace (`Tracing.start`, the timeline, user timing and input-latency categories) of tag keys
// in a page on the benchmarks' 100,000-word article with 5,000 stored annotations, broken down
// per key: input delay, the keydown handler, the animation frame, style recalculation (elements
// restyled), layout (objects laid out of the total), pre-paint, the intersection observer, the
// main thread's whole frame (`BeginMainFrame`), paint, commit, raster (and per
// compositor layer: tiles re-rastered, their time, drawing operations played / recorded), and
// keydown → presentation (Chromium's `EventLatency`). Prints the medians and the per-key rows.
//   node tests/e2e/keys-trace.mjs [DIST] [floor]     (default: this worktree's dist/, the app)
// TRACE_PRESSES=N tag keys (default 12); TRACE_OUT=FILE keeps the raw trace (for DevTools);
// TRACE_CSS='rules' adds a style sheet after load (the page's CSP bypassed for it) to test a rule.
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, readSeeds, DIST } from './harness.mjs';
import { benchSite, median, storeBenchRecord } from './bench-data.mjs';

const dir = path.resolve(process.argv[2] ?? DIST);
const floor = process.argv[3] === 'floor';
const PRESSES = Number(process.env.TRACE_PRESSES ?? 12);
const seeds = await readSeeds();
const { record, extra } = benchSite(seeds);
// The floor page of table-bench.mjs, served beside the app when asked for.
if (floor) {
  const src = fs.readFileSync(new URL('./table-bench.mjs', import.meta.url), 'utf8');
  const m = src.match(/const floorPage = \(cv\) => `([\s\S]*?)`;\n/);
  extra['/floor.html'] = { type: 'text/html; charset=utf-8', body: eval('`' + m[1].replace(/\$\{cv \?[^}]*\}/, '') + '`') };
}
const server = await serve(dir, extra);
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, bypassCSP: !!process.env.TRACE_CSS });
await storeBenchRecord(context, record);
const page = await context.newPage();
await page.goto(server.base + (floor ? '/floor.html' : '/'));
if (floor) {
  await page.waitForFunction(() => window.__drawn !== undefined, null, { timeout: 120000 });
} else {
  await page.waitForSelector('.stmt.current', { timeout: 120000 });
  await page.waitForFunction(() => !document.querySelector('.drawing'), null, { timeout: 120000 });
}
// TRACE_CSS='rules' adds a style sheet after load: a quick test of what a rule costs.
if (process.env.TRACE_CSS) await page.addStyleTag({ content: process.env.TRACE_CSS });
await page.waitForTimeout(3000);

const cdp = await context.newCDPSession(page);
const events = [];
cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
await cdp.send('Tracing.start', {
  transferMode: 'ReportEvents',
  traceConfig: {
    includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing',
      'latencyInfo', 'benchmark', 'input', 'disabled-by-default-devtools.timeline.frame',
      'disabled-by-default-devtools.timeline.invalidationTracking', 'disabled-by-default-devtools.timeline.paint', 'cc'],
  },
});
for (let i = 0; i < PRESSES; i++) {
  await page.keyboard.press(String(1 + (i % 3)));
  await page.waitForTimeout(300);
  await page.keyboard.press('j');
  await page.waitForTimeout(300);
}
await cdp.send('Tracing.end');
await done;
if (process.env.TRACE_OUT) fs.writeFileSync(process.env.TRACE_OUT, JSON.stringify({ traceEvents: events }));
await browser.close();
await server.close();

// The renderer's main thread: the one that dispatched the keydowns.
const threadName = new Map();
for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threadName.set(`${e.pid}:${e.tid}`, e.args.name);
const keydowns = events.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown').sort((a, b) => a.ts - b.ts);
if (!keydowns.length) throw new Error('no keydown in the trace');
const main = `${keydowns[0].pid}:${keydowns[0].tid}`;
const pid = keydowns[0].pid;
const tags = keydowns.filter((_, i) => i % 2 === 0); // tag key, then j, alternately
// EventLatency (async, one per input) for keydowns: its start is the key's hardware time, its
// end the presentation of the frame that showed its effect; its children are the stages.
// Ids are reused over the trace: a begin pairs with the next end of the same id and name.
const asyncs = [];
const open = new Map();
for (const e of [...events].sort((a, b) => a.ts - b.ts)) {
  if ((e.ph === 'b' || e.ph === 'e') && e.cat && /benchmark|input|latency/.test(e.cat)) {
    const k = `${e.pid}:${e.id ?? e.id2?.local}:${e.name}`;
    if (e.ph === 'b') {
      const a = { name: e.name, key: `${e.pid}:${e.id ?? e.id2?.local}`, start: e.ts, args: e.args ?? {} };
      asyncs.push(a);
      open.set(k, [...(open.get(k) ?? []), a]);
    } else {
      const a = open.get(k)?.pop();
      if (a) a.end = e.ts;
    }
  }
}
const latencies = asyncs.filter((a) => a.name === 'EventLatency' && a.start && a.end
  && a.args.event_latency?.event_type === 'KEY_PRESSED');
const stagesOf = (lat) => asyncs.filter((a) => a.key === lat.key && a.name !== 'EventLatency' && a.start >= lat.start && a.end <= lat.end)
  .sort((x, y) => x.start - y.start).map((a) => [a.name, (a.end - a.start) / 1000]);

const X = events.filter((e) => e.ph === 'X' && e.dur !== undefined);
const rows = [];
for (let k = 0; k < tags.length; k++) {
  const kd = tags[k];
  const next = keydowns[keydowns.indexOf(kd) + 1]?.ts ?? Infinity;
  const lat = latencies.filter((l) => l.start <= kd.ts && l.end >= kd.ts && l.end < next + 200e3)
    .sort((a, b) => Math.abs(a.start - kd.ts) - Math.abs(b.start - kd.ts))[0];
  const t0 = lat?.start ?? kd.ts;
  const end = Math.min(next, (lat?.end ?? kd.ts + 100e3) + 20e3);
  const on = (e) => e.ts >= kd.ts - 1 && e.ts < end;
  const mainEv = X.filter((e) => `${e.pid}:${e.tid}` === main && on(e));
  const sum = (name, f = () => true) => mainEv.filter((e) => e.name === name && f(e)).reduce((a, e) => a + e.dur / 1000, 0);
  const first = (name) => mainEv.find((e) => e.name === name);
  const style = mainEv.filter((e) => e.name === 'UpdateLayoutTree');
  const layout = mainEv.filter((e) => e.name === 'Layout');
  const paints = mainEv.filter((e) => e.name === 'Paint');
  const raster = X.filter((e) => e.pid === pid && on(e) && /RasterTask/.test(e.name));
  const other = X.filter((e) => e.pid === pid && `${e.pid}:${e.tid}` !== main && on(e) && /Raster|Draw|Commit|Activate/.test(e.name));
  const r = {
    key: k + 1,
    'input delay': (kd.ts - t0) / 1000,
    handler: kd.dur / 1000,
    'task after (microtasks/rAF wait)': ((first('FireAnimationFrame')?.ts ?? kd.ts) - (kd.ts + kd.dur)) / 1000,
    rAF: sum('FireAnimationFrame'),
    style: sum('UpdateLayoutTree'),
    'elements restyled': style.reduce((a, e) => a + (e.args?.elementCount ?? e.args?.beginData?.elementCount ?? 0), 0),
    layout: sum('Layout'),
    'objects laid out': layout.map((e) => `${e.args?.beginData?.dirtyObjects ?? '?'}/${e.args?.beginData?.totalObjects ?? '?'}`).join(' '),
    prepaint: sum('PrePaint'),
    // Chromium's check of every `content-visibility: auto` element against the viewport.
    'intersection observer': sum('IntersectionObserverController::computeIntersections'),
    'main-thread frame': sum('ProxyMain::BeginMainFrame'),
    paint: sum('Paint'),
    'paint areas': paints.map((e) => { const c = e.args?.data?.clip; if (!c) return '?'; const xs = c.filter((_, i) => i % 2 === 0), ys = c.filter((_, i) => i % 2); return `${Math.round(Math.max(...xs) - Math.min(...xs))}x${Math.round(Math.max(...ys) - Math.min(...ys))}`; }).join(' '),
    layerize: sum('Layerize'),
    commit: sum('Commit'),
    'timers/other JS': sum('TimerFire') + sum('FunctionCall', (e) => !mainEv.some((f) => f.name === 'FireAnimationFrame' && f.ts <= e.ts && e.ts < f.ts + f.dur)),
    raster: raster.reduce((a, e) => a + e.dur / 1000, 0),
    // Per layer: tiles re-rastered, their time, drawing operations played / recorded.
    'raster by layer': Object.entries(raster.filter((e) => e.name === 'RasterTask').reduce((acc, e) => {
      const l = e.args?.tileData?.layerId ?? '?';
      const d = X.find((x) => x.name === 'DisplayItemList::Raster' && x.tid === e.tid && x.ts >= e.ts && x.ts <= e.ts + e.dur);
      const a = (acc[l] ??= { tiles: 0, ms: 0, ops: 0, total: 0 });
      a.tiles++; a.ms += e.dur / 1000; a.ops += d?.args?.rastered_op_count ?? 0; a.total += d?.args?.total_op_count ?? 0;
      return acc;
    }, {})).map(([l, a]) => `layer ${l}: ${a.tiles} tiles ${a.ms.toFixed(1)} ms, ops ${a.ops}/${a.total}`).join('; '),
    'other threads': [...new Set(other.map((e) => e.name))].join(','),
    'keydown → presented': lat ? (lat.end - lat.start) / 1000 : NaN,
    stages: lat ? stagesOf(lat).map(([n, d]) => `${n} ${d.toFixed(1)}`).join('; ') : '',
  };
  rows.push(r);
}
const num = Object.keys(rows[0]).filter((c) => typeof rows[0][c] === 'number' && c !== 'key');
console.log(`${floor ? 'floor' : 'app'} (${dir}): ${tags.length} tag keys, trace of ${events.length} events`);
console.log('medians: ' + num.map((c) => `${c} ${median(rows.map((r) => r[c]).filter((x) => !Number.isNaN(x))).toFixed(1)}`).join(' | '));
for (const r of rows) console.log(JSON.stringify(r, (k, v) => (typeof v === 'number' && k !== 'key' && k !== 'elements restyled' ? Number(v.toFixed(1)) : v)));
