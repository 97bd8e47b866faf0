// End-to-end: the built site in real Chromium over HTTP, at / and under a teacher's sub-path.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, watchedPage, screenshot, readSeeds, bodySample, reloadOffline, openEach, SUBPATH } from './harness.mjs';

// Lines of seed 002 that are page furniture, not article text.
const FURNITURE = [
  'how to', 'Leave a Reply', 'Back to top button', 'Related Articles',
  'Your email address will not be published', 'reCAPTCHA', 'Title: US Seeks Ban',
];

let server, browser, seeds;
before(async () => {
  [server, browser, seeds] = await Promise.all([serve(), launch(), readSeeds()]);
});
after(async () => { await browser?.close(); await server?.close(); });


for (const where of ['/', SUBPATH]) {
  const label = where === '/' ? 'root' : 'sub-path';

  test(`[${label}] lists the seed articles, opens each with its title and body, no furniture`, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await watchedPage(context);
    await page.goto(server.base + where);
    const items = page.locator('.article-item');
    await items.first().waitFor();
    assert.equal(await items.count(), seeds.length);
    for (const s of seeds) {
      const item = items.filter({ hasText: s.title });
      assert.equal(await item.count(), 1, `list shows ${s.title}`);
      assert.match(await item.innerText(), new RegExp(`${s.words} words`));
    }
    if (where === '/') await screenshot(page, 'list-desktop');

    for (const s of seeds) {
      await items.filter({ hasText: s.title }).click();
      await page.locator('.article-body p').first().waitFor();
      assert.equal(await page.locator('h1.article-title').innerText(), s.title);
      const body = await page.locator('.article-body').innerText();
      assert.ok(body.includes(bodySample(s.text)), `${s.id}: body shows its text`);
      const main = await page.locator('main').innerText();
      for (const f of FURNITURE) {
        const lines = main.split('\n').map((l) => l.trim());
        assert.ok(!lines.some((l) => l.startsWith(f)), `${s.id}: furniture "${f}" is hidden`);
      }
      if (where === '/') await screenshot(page, `reader-${s.id}`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`[${label}] a reload keeps the chosen article`, async () => {
    const context = await browser.newContext();
    const { page, problems } = await watchedPage(context);
    await page.goto(server.base + where);
    const chosen = seeds[1];
    await page.locator('.article-item', { hasText: chosen.title }).click();
    await page.locator('h1.article-title', { hasText: chosen.title }).waitFor();
    await page.reload();
    await page.locator('.article-body p').first().waitFor();
    assert.equal(await page.locator('h1.article-title').innerText(), chosen.title);
    assert.equal(await page.locator('.article-item[aria-current=true] .item-title').innerText(), chosen.title);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('phone width: the list and the reader take turns, nothing overflows', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  const { page, problems } = await watchedPage(context);
  await page.goto(server.base + '/');
  await page.locator('.article-item').first().waitFor();
  await screenshot(page, 'list-phone');
  await page.locator('.article-item').nth(2).click();
  await page.locator('.article-body p').first().waitFor();
  assert.equal(await page.locator('.article-list').isVisible(), false, 'list hidden while reading');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling (overflow ${overflow}px)`);
  await screenshot(page, 'reader-phone');
  await screenshot(page, 'reader-phone-screen', { fullPage: false });
  await page.getByRole('button', { name: '← All articles' }).click();
  await page.locator('.article-item').first().waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

/** Open the site with `manifest.json` (or an article) answered by `fulfil`. */
async function withRoute(pattern, fulfil, fn) {
  const context = await browser.newContext();
  const { page, problems } = await watchedPage(context);
  await page.route(pattern, fulfil);
  await page.goto(server.base + '/');
  await fn(page, problems);
  await context.close();
}

test('bad article lists get a clear message, never a blank page', async () => {
  const cases = [
    [{ status: 404, body: 'not found' }, /could not be loaded[\s\S]*404/],
    [{ status: 200, body: '{"version":1,"articles":[' }, /not valid/],
    [{ status: 200, body: '{"version":1,"articles":[]}' }, /no articles in this collection/],
    [{ status: 200, body: '<html>oops</html>' }, /not valid/],
  ];
  for (const [response, message] of cases) {
    await withRoute('**/articles/manifest.json', (r) => r.fulfill(response), async (page, problems) => {
      await page.locator('.article-list :is([role=alert], [role=status]):not(:empty)').first().waitFor();
      await page.waitForFunction(() => !document.body.innerText.includes('Loading articles'));
      assert.match(await page.locator('.article-list').innerText(), message);
      assert.deepEqual(problems.filter((p) => !/404/.test(p)), []);
    });
  }
});

test('a missing or empty article file gets a message in the reader, the list stays usable', async () => {
  for (const [response, message] of [
    [{ status: 404, body: '' }, /404/],
    [{ status: 200, body: '  \n\n ' }, /is empty/],
  ]) {
    await withRoute(`**/articles/${seeds[0].file}`, (r) => r.fulfill(response), async (page) => {
      await page.locator('.article-item', { hasText: seeds[0].title }).click();
      await page.locator('.reader [role=alert]').waitFor();
      assert.match(await page.locator('.reader [role=alert]').innerText(), message);
      await page.locator('.article-item', { hasText: seeds[1].title }).click();
      await page.locator('h1.article-title', { hasText: seeds[1].title }).waitFor();
      await page.locator('.article-body p').first().waitFor();
    });
  }
});

test('the built page pins a Content-Security-Policy that its own views never violate', async () => {
  const context = await browser.newContext();
  const { page, problems } = await watchedPage(context);
  const response = await page.goto(server.base + '/');
  const html = await response.text();
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
  assert.ok(csp, 'the page carries a CSP meta tag');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[^']+'/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
  // Every view: list, reader with highlights, toolbar, panel, note editor, Highlights menu (the legend).
  await page.locator('.article-item').first().click();
  await page.locator('.article-body .stmt').first().waitFor();
  await page.locator('.drawing').waitFor({ state: 'detached' }); // the analysis drawn in
  await page.keyboard.press('1');
  await page.keyboard.press('n');
  await page.locator('.note-editor textarea').fill('a note');
  await page.keyboard.press('Control+Enter');
  await page.locator('.highlights summary').click();
  await page.locator('aside.panel progress.bar').first().waitFor();
  // An inline script smuggled in later is refused, and reported.
  const ran = await page.evaluate(() => new Promise((ok) => {
    document.addEventListener('securitypolicyviolation', () => ok(window.__inline === undefined), { once: true });
    const s = document.createElement('script');
    s.textContent = 'window.__inline = 1';
    document.body.append(s);
  }));
  assert.equal(ran, true, 'inline script blocked');
  // Only the smuggled script may have been reported.
  const expected = (p) => p.includes('CSP violation: script-src-elem inline') || p.includes('Executing inline script violates');
  assert.equal(problems.filter(expected).length, 2);
  assert.deepEqual(problems.filter((p) => !expected(p)), []);
  await context.close();
});

test('after one visit the site works offline, at a sub-path too', async () => {
  for (const where of ['/', SUBPATH]) {
    const context = await browser.newContext();
    const { page, problems } = await watchedPage(context);
    // The worker has cached the whole site once it is active.
    assert.equal(await reloadOffline(context, page, server.base + where), where);
    await openEach(page, seeds);
    // The entity model's weights are a data file the worker cached too: offline the model
    // still finds the names (no notice that it could not load).
    assert.ok(await page.locator('.article-body mark[class*="ent-"]').count() > 0);
    assert.equal(await page.locator('.notice', { hasText: 'entity model' }).count(), 0);
    await page.keyboard.press('1');
    await page.locator('.stmt.tag-official').first().waitFor();
    await context.setOffline(false);
    // Offline, the worker answered; nothing failed but the requests it let fail on purpose.
    assert.deepEqual(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|net::ERR_FAILED|Failed to load resource/.test(p)), []);
    await context.close();
  }
});

test('the models come as data files fetched once beside the wasm, and a failed fetch leaves the rules', async () => {
  const context = await browser.newContext();
  const { page, problems } = await watchedPage(context);
  const fetched = { 'entities.bin': [], 'attribution.bin': [] };
  page.on('response', (r) => {
    const name = new URL(r.url()).pathname.split('/').pop();
    if (name in fetched) fetched[name].push(r.status());
  });
  await page.goto(server.base + '/');
  await page.locator('.article-item').first().click();
  await page.locator('.article-body mark[class*="ent-"]').first().waitFor();
  // Fetched by the analysis worker's loader as the worker starts: one request each.
  assert.deepEqual(fetched, { 'entities.bin': [200], 'attribution.bin': [200] });
  assert.equal(await page.locator('.notice', { hasText: /entity model|attribution model/ }).count(), 0);
  assert.deepEqual(problems, []);
  // Without a file the reader is told which, and the article is still analysed: names by the
  // rules alone, statements and their cue-word suggestions without the attribution model.
  const files = [['entities.bin', 'entity model', 'Names are found by the rules alone.'],
    ['attribution.bin', 'attribution model', 'Who says what is not found']];
  for (const [file, what, without] of files) {
    await context.route('**/' + file, (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.reload();
    const notice = page.locator('.notice', { hasText: what });
    await notice.waitFor();
    assert.ok((await notice.innerText()).includes(without), await notice.innerText());
    await page.locator('.article-body mark[class*="ent-"]').first().waitFor();
    await page.locator('.article-body .stmt').first().waitFor();
    await page.locator('.drawing').waitFor({ state: 'detached' }); // the analysis drawn in
    await context.unroute('**/' + file);
  }
  await context.close();
});

test('the analysis runs in a worker; without one the reader is told and the text still shows', async () => {
  const context = await browser.newContext();
  const { page, problems } = await watchedPage(context);
  // One worker for the page's life, started at page load by early.js, whatever is opened.
  const workers = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.goto(server.base + '/');
  for (const i of [0, 1]) {
    await page.locator('.article-item').nth(i).click();
    await page.locator('.article-body mark[class*="ent-"]').first().waitFor();
  }
  assert.deepEqual(workers.map((u) => new URL(u).pathname.split('/').pop()), ['analysis-worker_loader.js']);
  assert.deepEqual(problems, []);
  // The worker's files do not load, or the browser has no workers at all: a notice says so, and
  // the article is shown as text, its statements without names or suggestions.
  const cases = [
    ['its files fail', (ctx) => ctx.route('**/analysis-worker_loader.js', (route) => route.fulfill({ status: 404, body: 'gone' })), 'its files did not load'],
    ['no Worker', (ctx) => ctx.addInitScript(() => { delete window.Worker; }), 'no Web Workers'],
  ];
  for (const [name, setUp, why] of cases) {
    const ctx = await browser.newContext();
    await setUp(ctx);
    const { page } = await watchedPage(ctx);
    await page.goto(server.base + '/');
    await page.locator('.article-item').first().click();
    const notice = page.locator('.notice', { hasText: 'The analysis could not start' });
    await notice.waitFor();
    assert.ok((await notice.innerText()).includes(why), `${name}: ${await notice.innerText()}`);
    await page.locator('.article-body .stmt').first().waitFor();
    await page.locator('.drawing').waitFor({ state: 'detached' }); // the analysis drawn in
    assert.ok((await page.locator('.article-body').innerText()).length > 500, name);
    assert.equal(await page.locator('.article-body mark[class*="ent-"]').count(), 0, name);
    await ctx.close();
  }
  await context.close();
});

test('light and dark themes follow the system setting', async () => {
  const colours = {};
  for (const scheme of ['light', 'dark']) {
    const context = await browser.newContext({ colorScheme: scheme });
    const { page, problems } = await watchedPage(context);
    await page.goto(server.base + '/');
    await page.locator('.article-item').first().click();
    await page.locator('.article-body .stmt').first().waitFor();
    await page.locator('.drawing').waitFor({ state: 'detached' }); // the analysis drawn in
    colours[scheme] = await page.evaluate(() => {
      const bg = getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number);
      const fg = getComputedStyle(document.querySelector('.article-body')).color.match(/\d+/g).map(Number);
      return { bg: bg.slice(0, 3).reduce((a, b) => a + b) / 3, fg: fg.slice(0, 3).reduce((a, b) => a + b) / 3 };
    });
    await screenshot(page, `theme-${scheme}`, { fullPage: false });
    assert.deepEqual(problems, []);
    await context.close();
  }
  assert.ok(colours.light.bg > 200 && colours.light.fg < 60, `light: ${JSON.stringify(colours.light)}`);
  assert.ok(colours.dark.bg < 40 && colours.dark.fg > 190, `dark: ${JSON.stringify(colours.dark)}`);
});
