// The panic hook (issue #20), end to end: the app dies after a change and before saving it; the
// hook must save the change and put a "Reload" notice on the page.
//
// The only way to make the app panic is a test-only path compiled into debug builds alone
// (`?panic-after-change`, `src/effects/autosave.rs`): a release build has no panic a reader can
// cause (that is what `attacks.test.mjs` checks). So this test runs on a debug build:
//   trunk build --dist target/dist-debug && node --test tests/e2e/panic.test.mjs
// (`DEBUG_DIST=DIR` names another folder). Without one, it fails and says how to build it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ROOT, serve, launch, readSeeds, clickStatement } from './harness.mjs';

const DIR = path.resolve(process.env.DEBUG_DIST ?? path.join(ROOT, 'target', 'dist-debug'));
let server, browser, seeds;
before(async () => {
  await fs.access(path.join(DIR, 'index.html')).catch(() => {
    throw new Error(`no debug build in ${DIR}: run \`trunk build --dist target/dist-debug\` first`);
  });
  [server, browser, seeds] = await Promise.all([serve(DIR), launch(), readSeeds()]);
});
after(async () => { await browser?.close(); await server?.close(); });

test('a panic after a change: the change is saved and the page says so, with a Reload link', async () => {
  const seed = seeds[0];
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await ctx.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(server.base + '/?panic-after-change');
  await page.locator('.article-item', { hasText: seed.title }).click();
  await page.locator('.article-body .stmt').first().waitFor({ timeout: 60000 });
  // A debug build's worker takes seconds: click once the analysis is drawn in, as a reader would
  // see the page settle, so the paragraph is not swapped under the mouse.
  await page.locator('.drawing').waitFor({ state: 'detached', timeout: 60000 });
  const s = await page.locator('.article-body .stmt').nth(1).getAttribute('data-s');
  await clickStatement(page, page.locator(`.article-body .stmt[data-s="${s}"]`));
  await page.keyboard.press('2');
  const fatal = page.locator('.notice.fatal');
  await fatal.waitFor();
  assert.match(await fatal.innerText(), /stopped\. Your annotations are saved\./);
  assert.equal(await fatal.getByRole('link', { name: 'Reload' }).count(), 1);
  assert.ok(errors.some((e) => e.includes('annotator stopped') && e.includes('panic-after-change')), errors.join('\n'));
  // What the notice says is true: the change is in storage, and a reload (without the flag) shows it.
  const stored = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)), `annotator/v2/annotations/${seed.id}`);
  assert.deepEqual(stored.annotations.filter((a) => !a.deleted).map((a) => a.tag), ['criticism']);
  await page.goto(server.base + '/');
  await page.locator(`.stmt.tag-criticism[data-s="${s}"]`).waitFor({ timeout: 60000 });
  await ctx.close();
});
