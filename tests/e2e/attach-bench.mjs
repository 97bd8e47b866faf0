// The returning visit's reading of the stored annotations (issue #19): the app's User Timing
// `annotator:attach-read` (local storage → the record read), `annotator:attach-anchor` and
// `annotator:attach`, on the benchmarks' 100,000-word article with 5,000 stored annotations,
// for one or more builds, their reloads interleaved (the order rotating from run to run).
//   RUNS=10 node tests/e2e/attach-bench.mjs DIST [DIST...]
import { serve, launch, readSeeds } from './harness.mjs';
import { benchSite, storeBenchRecord, median } from './bench-data.mjs';
const dirs = process.argv.slice(2);
const RUNS = Number(process.env.RUNS ?? 4);
const seeds = await readSeeds();
const { record, extra } = benchSite(seeds);
const servers = await Promise.all(dirs.map((d) => serve(d, extra)));
const browser = await launch();
const out = dirs.map(() => ({ read: [], anchor: [], attach: [] }));
for (let r = 0; r < RUNS; r++) {
  for (let k = 0; k < dirs.length; k++) {
    const i = (k + r) % dirs.length;
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    await storeBenchRecord(context, record);
    const page = await context.newPage();
    await page.goto(servers[i].base + '/');
    await page.waitForSelector('.stmt.current', { timeout: 120000 });
    await page.waitForFunction(() => !document.querySelector('.drawing'), null, { timeout: 120000 });
    await page.waitForTimeout(1500);
    await page.reload();
    await page.waitForSelector('.stmt.current', { timeout: 120000 });
    const t = await page.evaluate(() => Object.fromEntries(['annotator:attach-read', 'annotator:attach-anchor', 'annotator:attach'].map((n) => [n, performance.getEntriesByName(n)[0]?.duration])));
    out[i].read.push(t['annotator:attach-read']); out[i].anchor.push(t['annotator:attach-anchor']); out[i].attach.push(t['annotator:attach']);
    await context.close();
  }
}
for (let i = 0; i < dirs.length; i++) {
  const f = (a) => `${median(a).toFixed(1)} (${Math.min(...a).toFixed(1)}–${Math.max(...a).toFixed(1)})`;
  console.log(`${dirs[i]}: attach-read ${f(out[i].read)} ms, attach-anchor ${f(out[i].anchor)} ms, attach ${f(out[i].attach)} ms (returning visit, ${RUNS} runs)`);
}
await browser.close(); for (const s of servers) await s.close();
