// End-to-end: a saved news page opens as its article. The page (extract/fixtures/news-page.html,
// also the extraction crate's unit fixture) carries a cookie banner, menus, a share bar, a photo
// caption, related links, a newsletter box, comments with "Leave a Reply" and a reCAPTCHA notice,
// "Back to top button" and a footer; none of it may reach the article. Bad pages get a message.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { serve, launch, watchedPage, screenshot, ROOT } from './harness.mjs';

let server, browser, newsPage;
before(async () => {
  [server, browser, newsPage] = await Promise.all([
    serve(), launch(), fs.readFile(path.join(ROOT, 'extract', 'fixtures', 'news-page.html')),
  ]);
});
after(async () => { await browser?.close(); await server?.close(); });

const FURNITURE = [
  'cookie', 'Accept all', 'Sport', 'Opinion', 'Share on', 'Photo: J. Smith', 'Related stories', 'morning briefing',
  'Subscribe', 'comments', 'Finally!', 'Leave a Reply', 'Required fields', 'reCAPTCHA', 'Back to top', 'Most read',
  'All rights reserved', 'Privacy', 'Contact us',
];

async function fresh() {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const { page, problems } = await watchedPage(context);
  const workerRequests = [];
  const requests = [];
  page.on('request', (r) => {
    requests.push(r.url());
    if (/extract-worker/.test(r.url())) workerRequests.push(r.url());
  });
  await page.goto(server.base + '/');
  await page.locator('.article-item').first().waitFor();
  return { context, page, problems, workerRequests, requests };
}

async function openForm(page) {
  const button = page.getByRole('button', { name: '+ Add your own article' });
  const box = await button.boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.locator('.add-form').waitFor();
}

const pick = (page, name, buffer) =>
  page.locator('.add-form input[type=file]').setInputFiles({ name, mimeType: 'text/html', buffer });

test('a saved news page opens as its article, without its furniture', async () => {
  const { context, page, problems, workerRequests, requests } = await fresh();
  // The extractor is not part of the site's first load.
  assert.deepEqual(workerRequests, []);
  await openForm(page);
  await pick(page, 'council-bridge.html', newsPage);
  await page.waitForFunction(() => document.querySelector('.add-form textarea')?.value.includes('The town council voted'));
  assert.ok(workerRequests.some((u) => u.endsWith('.wasm')), 'the worker fetched its wasm when the page was added');
  const text = await page.locator('.add-form textarea').inputValue();
  assert.equal(await page.getByLabel('Title (optional)').inputValue(), 'Council approves new river bridge');
  assert.deepEqual(text.split('\n').map((l) => l.slice(0, 30)), [
    'Council approves new river bri', 'The town council voted on Tues', 'The mayor, Anna Berg, said the',
    'Costs questioned', 'Opposition councillors critici', 'Work is expected to begin next',
  ]);
  for (const f of FURNITURE) assert.ok(!text.includes(f), `${f} left in the text`);

  await page.getByRole('button', { name: 'Add article' }).click();
  await page.locator('h1.article-title', { hasText: 'Council approves new river bridge' }).waitFor();
  const meta = await page.locator('.article-meta').innerText();
  assert.match(meta, /Maria Lopez/);
  assert.match(meta, /2024-03-05/);
  const body = await page.locator('.article-body').innerText();
  assert.match(body, /Work is expected to begin next spring/);
  for (const f of FURNITURE) assert.ok(!body.includes(f), `${f} shown in the article`);
  // Nothing from the page ran or was fetched: no image, no script, no style from the file.
  assert.equal(await page.evaluate(() => window.tracking), undefined);
  assert.equal(await page.locator('.article-body img, .article-body script').count(), 0);
  assert.ok(!requests.some((u) => u.includes('bridge.jpg')), 'the page\'s image was not fetched');
  await screenshot(page, 'extracted-article');
  // The page's DOMParser document inherits the app's policy, so Chromium refuses (and reports)
  // the saved page's own inline styles while parsing it: the policy doing its work. Nothing else.
  assert.deepEqual(problems.filter((p) => !/Content Security Policy|CSP violation: style-src/.test(p)), []);
  await context.close();
});

test('a windows-1252 page keeps its accents; binary data and home pages get a message', async () => {
  const { context, page, problems } = await fresh();
  await openForm(page);
  const latin = Buffer.concat([
    Buffer.from('<html><head><meta charset="windows-1252"><title>Caf'), Buffer.from([0xe9]),
    Buffer.from(' owners protest</title></head><body><article><h1>Caf'), Buffer.from([0xe9]),
    Buffer.from(' owners protest</h1>'),
    ...Array.from({ length: 6 }, () => Buffer.concat([
      Buffer.from('<p>The owners of the '), Buffer.from([0x93]), Buffer.from('Caf'), Buffer.from([0xe9]),
      Buffer.from(' du Nord'), Buffer.from([0x94]), Buffer.from(' said the new rules were unfair to small businesses in the old town.</p>'),
    ])),
    Buffer.from('</article></body></html>'),
  ]);
  await pick(page, 'cafe.html', latin);
  await page.waitForFunction(() => document.querySelector('.add-form textarea')?.value.includes('“Café du Nord”'));

  await pick(page, 'garbage.html', Buffer.from([0, 159, 146, 150, 0, 255, 254, 0, 1, 2, 3]));
  await page.locator('.add-form .form-error', { hasText: 'binary data' }).waitFor();

  const home = '<html><head><title>Valley Courier — Home</title></head><body>' +
    Array.from({ length: 25 }, (_, i) => `<div class="teaser"><h3><a href="/s${i}">Headline ${i} about the valley</a></h3></div>`).join('') +
    '</body></html>';
  await pick(page, 'home.html', Buffer.from(home));
  await page.waitForFunction(() => document.querySelector('.add-form textarea')?.value.includes('Headline 12 about the valley'));
  await page.locator('.add-form .form-notice', { hasText: 'No article was found' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});
