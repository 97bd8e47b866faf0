// End-to-end: own articles, export/import, share links and answer keys in real Chromium with
// real local storage and real downloads. Bad input of every kind gets a message and changes
// nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { serve, launch, watchedPage, screenshot, readSeeds, clickStatement } from './harness.mjs';

let server, browser, seeds;
before(async () => {
  [server, browser, seeds] = await Promise.all([serve(), launch(), readSeeds()]);
});
after(async () => { await browser?.close(); await server?.close(); });

const KEY = (id) => `annotator/v2/annotations/${id}`;
const live = (record) => (record?.annotations ?? []).filter((a) => !a.deleted);

async function fresh() {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
  const { page, problems } = await watchedPage(context);
  return { context, page, problems };
}

async function open(page, seed) {
  await page.locator('.article-item', { hasText: seed.title }).click();
  await page.locator('.article-body .stmt').first().waitFor();
  await page.locator('.drawing').waitFor({ state: 'detached' }); // the analysis drawn in
}

/** The sentence index (data-s) of the article's n-th statement. */
const nth = (page, n) => page.locator('.article-body .stmt').nth(n).getAttribute('data-s');

/** Tag statements by key: [[n-th statement, key], …]. */
async function tagStatements(page, tags) {
  for (const [n, key] of tags) {
    const s = await nth(page, n);
    await clickStatement(page, page.locator(`.article-body .stmt[data-s="${s}"]`));
    await page.keyboard.press(key);
    await page.locator(`.stmt.tag[data-s="${s}"]`).waitFor();
  }
}

async function storedLive(page, id, n) {
  await page.waitForFunction(([k, n]) => (JSON.parse(localStorage.getItem(k))?.annotations ?? []).filter((a) => !a.deleted).length === n, [KEY(id), n]);
  return page.evaluate((k) => JSON.parse(localStorage.getItem(k)), KEY(id));
}

async function shareTab(page) {
  await page.getByRole('tab', { name: 'Share' }).click();
}

/** Click `button` and return the downloaded file's name and text. */
async function download(page, button) {
  const [dl] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { name: dl.suggestedFilename(), text: await fs.readFile(await dl.path(), 'utf8') };
}

async function importFile(page, name, body) {
  await shareTab(page);
  await page.locator('.share input[type=file]').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(body) });
}

const notice = (page) => page.locator('.notice:not(.info)');
const info = (page) => page.locator('.notice.info');

test('own articles: pasted text and an HTML file are kept, opened as text only, and removable', async () => {
  const { context, page, problems } = await fresh();
  await page.goto(server.base + '/');
  await page.getByRole('button', { name: '+ Add your own article' }).click();
  const pasted = 'Harbour plan <script>window.__pwned = 1</script> stalls\n' +
    'The Ministry of Transport said it would delay the harbour plan. ' +
    'Critics warned <img src=x onerror="window.__pwned = 2"> the delay could cost jobs.';
  await page.getByLabel('Article text').fill(pasted);
  await page.getByRole('button', { name: 'Add article' }).click();
  await page.locator('.article-body .stmt').first().waitFor();
  await page.locator('.drawing').waitFor({ state: 'detached' }); // the analysis drawn in
  assert.match(await page.locator('.article-title').innerText(), /Harbour plan <script>/);
  assert.ok((await page.locator('.article-body').innerText()).includes('<img src=x onerror="window.__pwned = 2">'));
  assert.equal(await page.locator('.article-body img, .article-body script, .article-list script').count(), 0);
  await page.keyboard.press('2');
  await page.locator('.stmt.tag-criticism').first().waitFor();

  // An HTML page: reduced to its text by an inert parser; its script never runs.
  await page.getByRole('button', { name: '+ Add your own article' }).click();
  const html = '<html><head><title>Dam inquiry opens</title><style>p{color:red}</style></head><body>' +
    '<nav>Home | News</nav><h1>Dam inquiry opens</h1><p>The Water Board said on Monday that the\n   inquiry would start in May.</p>' +
    '<script>window.__pwned = 3</script><p>Residents <b>condemned</b> the delay.<img src=x onerror="window.__pwned = 4"></p></body></html>';
  await page.locator('.add-form input[type=file]').setInputFiles({ name: 'dam.html', mimeType: 'text/html', buffer: Buffer.from(html) });
  await page.waitForFunction(() => document.querySelector('.add-form textarea')?.value.includes('Residents condemned'));
  const text = await page.locator('.add-form textarea').inputValue();
  assert.equal(text, 'Dam inquiry opens\nThe Water Board said on Monday that the inquiry would start in May.\nResidents condemned the delay.');
  await page.getByRole('button', { name: 'Add article' }).click();
  await page.locator('.article-title', { hasText: 'Dam inquiry opens' }).waitFor();
  assert.equal(await page.locator('.own-item').count(), 2);
  await screenshot(page, 'own-articles');

  // Kept across a reload, with the tag made on the first one.
  await page.reload();
  await page.locator('.article-title', { hasText: 'Dam inquiry opens' }).waitFor();
  await page.locator('.own-item .article-item', { hasText: 'Harbour plan' }).click();
  await page.locator('.stmt.tag-criticism').first().waitFor();

  // Binary garbage and an empty text are refused with a message; the form keeps what was typed.
  await page.getByRole('button', { name: '+ Add your own article' }).click();
  await page.locator('.add-form input[type=file]').setInputFiles({ name: 'x.txt', mimeType: 'text/plain', buffer: Buffer.from([0, 159, 146, 150, 0, 255, 254, 0]) });
  await page.locator('.add-form .form-error', { hasText: 'does not look like text' }).waitFor();

  // Removing asks first, then removes the article and its annotations.
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Remove “Harbour plan <script>window.__pwned = 1</script> stalls”' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.own-item').length === 1);
  const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('annotations/own-')));
  assert.deepEqual(keys, []);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  // The HTML file's inline <style> and onerror attribute are refused by the page's policy even
  // inside the inert parsed document; Chromium reports that refusal, which is all we expect.
  const refused = /style-src|script-src-attr|inline event handler|inline style/;
  assert.deepEqual(problems.filter((p) => !refused.test(p)), []);
  await context.close();
});

test('export as Web Annotation JSON and CSV; importing the export restores every annotation exactly', async () => {
  const seed = seeds[1];
  const { context, page, problems } = await fresh();
  await page.goto(server.base + '/');
  await open(page, seed);
  await tagStatements(page, [[0, '1'], [2, '2'], [4, '3']]);
  // A note with hostile text and a span annotation.
  await clickStatement(page, page.locator(`.stmt[data-s="${await nth(page, 2)}"]`));
  await page.keyboard.press('n');
  await page.locator('.note-editor textarea').fill('=SUM(A1) says who? <script>window.__pwned=1</script> "quoted", ok');
  await page.getByRole('button', { name: 'Save note' }).click();
  // The note's own save, not only the three tags', must be stored before the record is read.
  await page.waitForFunction((k) => (JSON.parse(localStorage.getItem(k))?.annotations ?? [])
    .some((a) => !a.deleted && (a.note ?? '').startsWith('=SUM(A1)')), KEY(seed.id));
  const before = await storedLive(page, seed.id, 3);
  await shareTab(page);
  const json = await download(page, page.getByRole('button', { name: 'Export this article as Web Annotation JSON' }));
  assert.match(json.name, /\.annotations\.json$/);
  const doc = JSON.parse(json.text);
  assert.equal(doc['@context'], 'http://www.w3.org/ns/anno.jsonld');
  const items = doc.first.items;
  assert.equal(items.length, 3);
  for (const a of items) {
    assert.equal(a.type, 'Annotation');
    assert.ok(a.body.some((b) => b.purpose === 'tagging' && ['official', 'criticism', 'speculation'].includes(b.value)));
    const types = a.target.selector.map((s) => s.type).sort();
    assert.deepEqual(types, ['TextPositionSelector', 'TextQuoteSelector']);
  }
  assert.ok(items.some((a) => a.body.some((b) => b.purpose === 'commenting' && b.value.startsWith('=SUM(A1) says who?'))));

  const csv = await download(page, page.getByRole('button', { name: 'Export this article as CSV' }));
  const lines = csv.text.trim().split(/\r?\n/);
  assert.equal(lines[0], 'article,start,end,quote,tag,note,created,id');
  assert.equal(lines.length, 4);
  assert.match(csv.text, /,"'=SUM\(A1\) says who\? <script>/, 'a formula-looking cell is defused');

  // A fresh browser imports the file: every field comes back.
  const other = await fresh();
  await other.page.goto(server.base + '/');
  await open(other.page, seed);
  await importFile(other.page, json.name, json.text);
  await info(other.page).filter({ hasText: '3 new' }).waitFor();
  const after = await storedLive(other.page, seed.id, 3);
  const norm = (r) => live(r).map(({ modified, ...a }) => a).sort((x, y) => x.id.localeCompare(y.id));
  assert.deepEqual(norm(after), norm(before));
  assert.equal(await other.page.locator('.stmt.tag').count(), 3);
  // Importing again adds nothing.
  await importFile(other.page, json.name, json.text);
  await info(other.page).filter({ hasText: '3 already there' }).waitFor();
  await storedLive(other.page, seed.id, 3);

  // "All articles": a tag in another article travels too, into that article's stored record.
  const elsewhere = seeds[0];
  await open(page, elsewhere);
  await tagStatements(page, [[1, '3']]);
  await storedLive(page, elsewhere.id, 1);
  await shareTab(page);
  const all = await download(page, page.getByRole('button', { name: 'Export all articles as Web Annotation JSON' }));
  assert.equal(JSON.parse(all.text).first.items.length, 4);
  const allCsv = await download(page, page.getByRole('button', { name: 'Export all articles as CSV' }));
  assert.equal(allCsv.text.trim().split(/\r?\n/).length, 5);
  await other.page.locator('.notice.info').getByRole('button', { name: 'Dismiss' }).click();
  await importFile(other.page, all.name, all.text);
  await info(other.page).filter({ hasText: '1 new, 3 already there' }).waitFor();
  const moved = await storedLive(other.page, elsewhere.id, 1);
  assert.equal(live(moved)[0].tag, 'speculation');
  await open(other.page, elsewhere);
  await other.page.locator('.stmt.tag-speculation').waitFor();
  assert.equal(await other.page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(problems, []);
  assert.deepEqual(other.problems, []);
  await other.context.close();
  await context.close();
});

test('bad import files get a clear message and change nothing', async () => {
  const seed = seeds[0];
  const { context, page, problems } = await fresh();
  await page.goto(server.base + '/');
  await open(page, seed);
  await tagStatements(page, [[1, '2']]);
  const before = await storedLive(page, seed.id, 1);
  const anno = (start, end, exact) => ({
    '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'Annotation', id: 'urn:annotator:annotation:x1',
    body: [{ type: 'TextualBody', purpose: 'tagging', value: 'criticism' }],
    target: { source: `urn:annotator:article:${seed.id}`, selector: [
      { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' }, { type: 'TextPositionSelector', start, end }] },
  });
  const cases = [
    ['notes.json', 'this is not json {', /not JSON/],
    ['shape.json', JSON.stringify({ hello: 'world', items: [1, 2] }), /not Web Annotations/],
    ['past-end.json', JSON.stringify([anno(900000, 900010, 'words that are nowhere in this text')]), /past the end/],
    ['huge.json', '[' + ' '.repeat(6 * 1024 * 1024) + ']', /MB/],
  ];
  for (const [name, body, message] of cases) {
    await importFile(page, name, body);
    const n = notice(page);
    await n.filter({ hasText: message }).waitFor();
    assert.match(await n.innerText(), /Nothing was imported/);
    await n.getByRole('button', { name: 'Dismiss' }).click();
    assert.deepEqual(await page.evaluate((k) => JSON.parse(localStorage.getItem(k)), KEY(seed.id)), before, name);
  }
  // Text that is not in the article (it was edited since): kept as detached, and said so.
  await importFile(page, 'edited.json', JSON.stringify([{ ...anno(10, 40, 'a sentence the article no longer has at all'), id: 'urn:annotator:annotation:gone' }]));
  await info(page).filter({ hasText: '1 new' }).waitFor();
  assert.match(await info(page).innerText(), /1 is detached/);
  await page.getByRole('tab', { name: 'Annotations' }).click();
  await page.locator('.group.detached li').first().waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('share link: the receiver sees the work beside their own, compares, and merges on request', async () => {
  const seed = seeds[2];
  const sender = await fresh();
  await sender.page.goto(server.base + '/');
  await open(sender.page, seed);
  await tagStatements(sender.page, [[0, '1'], [1, '2'], [3, '3']]);
  await storedLive(sender.page, seed.id, 3);
  await shareTab(sender.page);
  await sender.page.getByLabel('Your name', { exact: false }).fill('Ana <b>K.</b>');
  await sender.page.getByRole('button', { name: 'Create share link' }).click();
  const link = await sender.page.locator('.share-link').inputValue();
  assert.match(link, /#share=[A-Za-z0-9_-]+$/);
  assert.ok(link.length < 2000, `link of ${link.length} characters fits a chat message`);

  // The receiver (a teacher) has tagged statement 0 differently already.
  const receiver = await fresh();
  await receiver.page.goto(server.base + '/');
  await open(receiver.page, seed);
  await tagStatements(receiver.page, [[0, '2']]);
  const mine = await storedLive(receiver.page, seed.id, 1);
  await receiver.page.goto(link.replace(/^http:\/\/[^/]+\//, server.base + '/'));
  const cmp = receiver.page.locator('.comparison');
  await cmp.waitFor();
  assert.match(await cmp.innerText(), /Compared with: Ana <b>K\.<\/b>/);
  assert.match(await cmp.innerText(), /of \d+ statements agree/);
  assert.match(await cmp.innerText(), /Cohen’s κ = -?\d\.\d\d/);
  assert.ok(await cmp.locator('.diffs li').count() >= 3);
  assert.equal(await receiver.page.locator('.article-body .stmt[data-other]').count(), await cmp.locator('.diffs li').count());
  // Shown, not mixed in: the receiver's storage is unchanged.
  assert.deepEqual(await receiver.page.evaluate((k) => JSON.parse(localStorage.getItem(k)), KEY(seed.id)), mine);
  await screenshot(receiver.page, 'share-compare');
  // Merge: their two other statements join mine; my tag on statement 0 stays.
  await cmp.getByRole('button', { name: 'Merge into mine' }).click();
  await info(receiver.page).filter({ hasText: '2 new' }).waitFor();
  assert.match(await info(receiver.page).innerText(), /1 left out because you had already annotated/);
  const merged = await storedLive(receiver.page, seed.id, 3);
  assert.equal(live(merged).find((a) => a.position.start === live(mine)[0].position.start).tag, 'criticism');
  assert.ok(!(await receiver.page.evaluate(() => location.hash)).includes('share='), 'the link is consumed');

  // A damaged link: a message, and nothing changes.
  const cut = link.slice(0, link.length - 9) + '%%%';
  await receiver.page.goto(cut.replace(/^http:\/\/[^/]+\//, server.base + '/'));
  await notice(receiver.page).filter({ hasText: 'damaged' }).waitFor();
  await receiver.page.locator('.article-body .stmt').first().waitFor();
  await receiver.page.locator('.drawing').waitFor({ state: 'detached' }); // the analysis drawn in
  assert.equal(await receiver.page.locator('.comparison').count(), 0);
  assert.deepEqual(live(await receiver.page.evaluate((k) => JSON.parse(localStorage.getItem(k)), KEY(seed.id))).length, 3);
  assert.deepEqual(sender.problems, []);
  assert.deepEqual(receiver.problems, []);
  await sender.context.close();
  await receiver.context.close();
});

test('answer key: a teacher saves one, a student compares with it and sees agreement and kappa', async () => {
  const seed = seeds[0];
  const teacher = await fresh();
  await teacher.page.goto(server.base + '/');
  await open(teacher.page, seed);
  await tagStatements(teacher.page, [[0, '1'], [1, '2'], [2, '2'], [3, '3']]);
  await storedLive(teacher.page, seed.id, 4);
  await shareTab(teacher.page);
  await teacher.page.locator('details.teacher summary').click();
  const key = await download(teacher.page, teacher.page.getByRole('button', { name: 'Save as answer key' }));
  assert.equal(key.name, `${seed.id}.key.json`);

  // The pack names the key in its manifest (as `annotate manifest` writes it).
  const student = await fresh();
  const manifest = JSON.parse(await fs.readFile(new URL('../../seeds/manifest.json', import.meta.url), 'utf8'));
  manifest.articles.find((a) => a.id === seed.id).key = key.name;
  await student.page.route('**/articles/manifest.json', (r) => r.fulfill({ contentType: 'application/json', body: JSON.stringify(manifest) }));
  await student.page.route(`**/articles/${key.name}`, (r) => r.fulfill({ contentType: 'application/json', body: key.text }));
  await student.page.goto(server.base + '/');
  await student.page.locator('.article-item', { hasText: seed.title }).locator('.item-key').waitFor();
  await open(student.page, seed);
  await tagStatements(student.page, [[0, '1'], [1, '2'], [2, '3']]);
  await shareTab(student.page);
  await student.page.getByRole('button', { name: 'Compare with the answer key' }).click();
  const cmp = student.page.locator('.comparison');
  await cmp.waitFor();
  const statements = await student.page.locator('.article-body .stmt').count();
  assert.match(await cmp.innerText(), new RegExp(`${statements - 2} of ${statements} statements agree`));
  assert.equal(await cmp.locator('.diffs li').count(), 2);
  assert.match(await cmp.locator('.diffs li').first().innerText(), /You: Speculation[\s\S]*Answer key: Criticism/);
  assert.equal(await cmp.getByRole('button', { name: 'Merge into mine' }).count(), 0, 'a key is for comparing, not copying');
  // In the text too: the differing statements carry the key's tag beside them.
  const marked = student.page.locator('.article-body .stmt[data-other]');
  assert.equal(await marked.count(), 2);
  assert.equal(await marked.first().getAttribute('data-other'), 'Answer key: Criticism');
  await cmp.locator('.diffs li button').first().click();
  assert.equal(await student.page.locator('.stmt.current').getAttribute('data-s'), await nth(student.page, 2));
  await screenshot(student.page, 'answer-key-compare');
  assert.deepEqual(teacher.problems, []);
  assert.deepEqual(student.problems, []);
  await teacher.context.close();
  await student.context.close();
});
