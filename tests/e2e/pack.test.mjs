// End-to-end: a class pack (examples/class-pack) published under a teacher's sub-path.
//
// The pack site is made from the release dist/ the suite already tests: a copy, with
// `node tools/pack.mjs` swapping its articles for the pack's and rewriting sw.js. That is the same
// function `./dev pack` runs inside the build (the Trunk hook tools/csp.mjs calls packArticles on
// the staging folder before writing sw.js), without a second release build — over a minute on
// the 2-core CI machine for a wasm that is byte for byte the same. To test a site made by
// `./dev pack examples/class-pack OUT` itself, run this file with PACK_SITE=OUT.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, watchedPage, screenshot, readSeeds, bodySample, reloadOffline, openEach, ROOT, DIST, SUBPATH } from './harness.mjs';

const PACK = path.join(ROOT, 'examples', 'class-pack');
const KEYED = '01-harbour-ferry';

let server, browser, seeds, pack, site, tmp;
before(async () => {
  if (process.env.PACK_SITE) {
    site = path.resolve(process.env.PACK_SITE);
  } else {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'annotator-pack-'));
    site = path.join(tmp, 'site');
    await fs.cp(DIST, site, { recursive: true });
    // The teacher's folder: the example pack plus a file that must never be published.
    const folder = path.join(tmp, 'class-7b');
    await fs.cp(PACK, folder, { recursive: true });
    await fs.writeFile(path.join(folder, 'lesson-plan-private.docx'), 'not for pupils');
    execFileSync('node', [path.join(ROOT, 'tools', 'pack.mjs'), folder, site], { stdio: 'pipe' });
  }
  const manifest = JSON.parse(await fs.readFile(path.join(PACK, 'manifest.json'), 'utf8'));
  pack = await Promise.all(manifest.articles.map(async (a) => ({
    ...a, text: await fs.readFile(path.join(PACK, a.file), 'utf8'),
  })));
  [server, browser, seeds] = await Promise.all([serve(site), launch(), readSeeds()]);
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

/** A paragraph of the file, to prove the body is really shown. */

test('the pack publishes exactly its manifest, articles and answer key; sw.js caches them, not the seeds', async () => {
  const published = (await fs.readdir(path.join(site, 'articles'))).sort();
  assert.deepEqual(published, ['manifest.json', ...pack.map((a) => a.file), `${KEYED}.key.json`].sort());
  const sw = await fs.readFile(path.join(site, 'sw.js'), 'utf8');
  const files = JSON.parse(sw.match(/const FILES = (\[.*\]);/)[1]);
  for (const f of published) assert.ok(files.includes(`./articles/${f}`), `sw.js caches ${f}`);
  for (const s of seeds) assert.ok(!files.includes(`./articles/${s.file}`), `sw.js does not cache seed ${s.file}`);
  // Relative asset paths only, so any folder of any static host works.
  const html = await fs.readFile(path.join(site, 'index.html'), 'utf8');
  assert.doesNotMatch(html, /(?:src|href)="\/(?!\/)/, 'no root-relative asset path');
  assert.doesNotMatch(html, /(?:src|href)="https?:/, 'no absolute asset URL');
});

for (const where of [SUBPATH, '/']) {
  test(`[${where === '/' ? 'root' : 'sub-path'}] the pack's articles are listed and open; the manifest names the answer key`, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await watchedPage(context);
    await page.goto(server.base + where);
    const items = page.locator('.article-item');
    await items.first().waitFor();
    assert.equal(await items.count(), pack.length);
    const list = await page.locator('.article-list').innerText();
    for (const s of seeds) assert.ok(!list.includes(s.title), `seed ${s.id} is not listed`);
    for (const a of pack) {
      const item = items.filter({ hasText: a.title });
      assert.equal(await item.count(), 1, `list shows ${a.title}`);
      assert.match(await item.innerText(), new RegExp(`${a.words} words`));
    }
    for (const a of pack) {
      await items.filter({ hasText: a.title }).click();
      await page.locator('.article-body .stmt').first().waitFor();
      await page.locator('.drawing').waitFor({ state: 'detached' }); // the analysis drawn in
      assert.equal(await page.locator('h1.article-title').innerText(), a.title);
      const body = await page.locator('.article-body').innerText();
      assert.ok(body.includes(bodySample(a.text)), `${a.id}: body shows its text`);
      assert.ok(!body.includes('Leave a Reply') && !body.includes('Share this article'), `${a.id}: furniture hidden`);
      if (where === SUBPATH) await screenshot(page, `pack-${a.id}`);
    }
    // What the page fetches, relative to itself: the manifest with the key, and the key.
    const { manifest, key } = await page.evaluate(async () => {
      const manifest = await (await fetch('articles/manifest.json')).json();
      const entry = manifest.articles.find((a) => a.key);
      return { manifest, key: entry && await (await fetch(`articles/${entry.key}`)).json() };
    });
    assert.equal(manifest.articles.find((a) => a.id === KEYED).key, `${KEYED}.key.json`);
    assert.deepEqual(manifest.articles.filter((a) => a.key).map((a) => a.id), [KEYED]);
    assert.equal(key.type, 'AnnotationCollection');
    assert.equal(key.first.items.length, 5);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('after one visit under the sub-path, the pack works offline, answer key included', async () => {
  const context = await browser.newContext();
  const { page, problems } = await watchedPage(context);
  assert.equal(await reloadOffline(context, page, server.base + SUBPATH), SUBPATH);
  await openEach(page, pack);
  const items = await page.evaluate(async (k) => (await (await fetch(`articles/${k}.key.json`)).json()).first.items.length, KEYED);
  assert.equal(items, 5);
  await context.setOffline(false);
  assert.deepEqual(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|net::ERR_FAILED|Failed to load resource/.test(p)), []);
  await context.close();
});
