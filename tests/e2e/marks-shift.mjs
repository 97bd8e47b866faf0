// Does the text move when the analysis' marks arrive? The benchmark's 100,000-word article with
// 5,000 stored annotations (tests/e2e/bench-data.mjs) is opened at desktop (1280) and phone (390)
// widths; the first screen's statements are measured and photographed while the text is shown
// from its outline ("Finding names…"), and again once the analysis is drawn in. Prints the
// largest move of any statement's box; screenshots in target/screenshots/marks-*.png.
//   node tests/e2e/marks-shift.mjs
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, readSeeds, DIST, SHOTS } from './harness.mjs';
import { benchSite, storeBenchRecord } from './bench-data.mjs';

const { record, extra } = benchSite(await readSeeds());
const server = await serve(DIST, extra);
const browser = await launch();
fs.mkdirSync(SHOTS, { recursive: true });
let worst = 0;
for (const [name, width, height] of [['desktop', 1280, 900], ['phone', 390, 844]]) {
  const context = await browser.newContext({ viewport: { width, height } });
  await storeBenchRecord(context, record);
  const page = await context.newPage();
  await page.goto(server.base + '/');
  const boxes = () => page.evaluate(() => [...document.querySelectorAll('.article-body .stmt')].slice(0, 40)
    .map((e) => { const r = e.getBoundingClientRect(); return [e.dataset.s, r.x, r.y, r.width, r.height]; }));
  await page.locator('.stmt.current').waitFor();
  const before = await boxes();
  const pending = (await page.locator('.article-body mark.ent').count()) === 0;
  await page.screenshot({ path: path.join(SHOTS, `marks-${name}-outline.png`) });
  await page.locator('.drawing').waitFor({ state: 'detached', timeout: 120_000 });
  const after = await boxes();
  await page.screenshot({ path: path.join(SHOTS, `marks-${name}-analysed.png`) });
  const marks = await page.locator('.article-body mark.ent').count();
  let moved = 0;
  for (const [s, ...b] of before) {
    const a = after.find(([t]) => t === s);
    // Where the text is (x, y): a claim's 1-pixel dotted underline (a border) grows its own
    // inline box, not the line, so heights are reported but not counted as a move.
    const m = a ? Math.max(Math.abs(b[0] - a[1]), Math.abs(b[1] - a[2])) : 0;
    if (a && b.some((v, i) => Math.abs(v - a[i + 1]) > 0.5)) console.log(`  statement ${s}: [x, y, width, height] ${b.map((v) => v.toFixed(1))} → ${a.slice(1).map((v) => v.toFixed(1))}`);
    moved = Math.max(moved, m);
  }
  worst = Math.max(worst, moved);
  console.log(`${name}: measured before any name was marked: ${pending ? 'yes' : 'no'}; ${before.length} statements measured; largest move of a statement's position ${moved.toFixed(1)} px; ${marks} names marked after`);
  await context.close();
}
await browser.close();
await server.close();
process.exitCode = worst > 0.5 ? 1 : 0;
