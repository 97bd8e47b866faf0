// Where a key press's main-thread time goes (issue #19): a CPU profile (DevTools protocol) of
// twelve key presses in the app, on the benchmarks' 100,000-word article with 5,000 stored
// annotations, printed as self and inclusive time per function. For names in the profile, build
// a copy with the rust link of index.html set to `data-wasm-opt="0" data-keep-debug` (not to be
// committed) into another directory:
//   trunk build --release --offline --dist /tmp/dist-names
//   node tests/e2e/keys-profile.mjs /tmp/dist-names [tag|j|both]
// Proportions, not timings: the build is unoptimised and the profiler slows everything.
import path from 'node:path';
import { serve, launch, readSeeds, DIST } from './harness.mjs';
import { benchSite, storeBenchRecord } from './bench-data.mjs';

const dir = path.resolve(process.argv[2] ?? DIST);
const which = process.argv[3] ?? 'tag';
const seeds = await readSeeds();
const { record, extra } = benchSite(seeds);
const server = await serve(dir, extra);
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
await storeBenchRecord(context, record);
const page = await context.newPage();
await page.goto(server.base + '/');
await page.waitForSelector('.stmt.current', { timeout: 120000 });
await page.waitForFunction(() => !document.querySelector('.drawing'), null, { timeout: 120000 });
await page.waitForTimeout(3000);
const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
for (let i = 0; i < 12; i++) {
  if (which === 'tag' || which === 'both') { await page.keyboard.press(String(1 + (i % 3))); await page.waitForTimeout(250); }
  if (which === 'j' || which === 'both') { await page.keyboard.press('j'); await page.waitForTimeout(250); }
}
const { profile } = await cdp.send('Profiler.stop');
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map(), incl = new Map();
const dt = profile.timeDeltas;
let total = 0;
profile.samples.forEach((id, k) => {
  const d = (dt[k + 1] ?? 0) / 1000; total += d;
  const n = byId.get(id); const name = n.callFrame.functionName || `(${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber})`;
  if (name === '(idle)') return;
  self.set(name, (self.get(name) ?? 0) + d);
  const seen = new Set();
  for (let x = id; x !== undefined; x = parent.get(x)) {
    const nn = byId.get(x); const nm = nn.callFrame.functionName || '(anon)';
    if (seen.has(nm)) continue; seen.add(nm);
    incl.set(nm, (incl.get(nm) ?? 0) + d);
  }
});
const top = (m, k) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([n, v]) => `${v.toFixed(1).padStart(8)} ms  ${n.slice(0, 150)}`).join('\n');
console.log(`total sampled ${total.toFixed(0)} ms over 12 presses (${which})\n-- self --\n${top(self, 45)}\n-- inclusive --\n${top(incl, 70)}`);
await browser.close(); await server.close();
