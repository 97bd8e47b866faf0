// Where to start the analysis worker (docs/performance.md, "The analysis in a worker"): the
// first visit with the table bench's 100,000-word article remembered, navigation → the app's
// `annotator:article-ready` mark and the longest main-thread task, for
//   early  this build, the worker started by static/early.js at page load;
//   app    the same build with early.js' worker lines taken out (a copy in a temporary folder),
//          so that src/analysis_client.rs starts it when the app first asks;
//   before BENCH_BEFORE=DIR, another build (main's), if given.
// Fresh browser profile per run, the builds alternating. Run after `trunk build --release
// --offline`: `RUNS=5 node tests/e2e/start-bench.mjs`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, readSeeds, DIST } from './harness.mjs';
import { benchSite, median } from './bench-data.mjs';

const { extra } = benchSite(await readSeeds());
const appStart = fs.mkdtempSync(path.join(os.tmpdir(), 'annotator-app-start-'));
fs.cpSync(DIST, appStart, { recursive: true });
const early = fs.readFileSync(path.join(appStart, 'early.js'), 'utf8');
const [from, to] = [early.indexOf('  try {\n    // The analysis worker'), early.indexOf('  window.__annotatorEarly = early;')];
if (from < 0 || to < from) throw new Error('early.js: the worker lines were not found');
fs.writeFileSync(path.join(appStart, 'early.js'), early.slice(0, from) + early.slice(to));

const builds = { early: DIST, app: appStart, ...(process.env.BENCH_BEFORE ? { before: path.resolve(process.env.BENCH_BEFORE) } : {}) };
const browser = await launch();
const servers = Object.fromEntries(await Promise.all(Object.entries(builds).map(async ([k, d]) => [k, await serve(d, extra)])));
const out = Object.fromEntries(Object.keys(builds).map((k) => [k, []]));
for (let run = 0; run < Number(process.env.RUNS || 5); run++) {
  for (const [name, server] of Object.entries(servers)) {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    await ctx.addInitScript(() => {
      localStorage.setItem('annotator/v1/selected', '"long"');
      localStorage.setItem('annotator/v1/selected-file', '"long.txt"');
      window.__longest = 0;
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longest = Math.max(window.__longest, e.duration); })
        .observe({ type: 'longtask', buffered: true });
    });
    const p = await ctx.newPage();
    await p.goto(server.base + '/');
    await p.locator('.article-body .stmt').first().waitFor({ timeout: 120000 });
    out[name].push(await p.evaluate(() => ({ ready: performance.getEntriesByName('annotator:article-ready')[0]?.startTime ?? NaN, longest: window.__longest })));
    await ctx.close();
  }
}
for (const [name, rs] of Object.entries(out)) {
  const ready = rs.map((r) => r.ready);
  console.log(`${name.padEnd(7)} article ready ${ready.map(Math.round).join(' ')} ms (median ${Math.round(median(ready))}); longest task median ${Math.round(median(rs.map((r) => r.longest)))} ms`);
}
await browser.close();
for (const s of Object.values(servers)) await s.close();
fs.rmSync(appStart, { recursive: true, force: true });
