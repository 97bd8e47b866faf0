// End-to-end attacks (issue #20): corrupt, foreign and future storage, quota, other tabs, hostile
// imports and links, script injection, huge input, racing keys. Every case asserts what local
// storage holds afterwards — nothing the reader had is lost or altered unless the reader changed
// it — and that no script ran, the app did not die (no panic notice, no page error), and every
// refusal came with a message.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { serve, launch, watchedPage, readSeeds, clickStatement } from './harness.mjs';

let server, browser, seeds;
before(async () => {
  [server, browser, seeds] = await Promise.all([serve(), launch(), readSeeds()]);
});
after(async () => { await browser?.close(); await server?.close(); });

const KEY = (id) => `annotator/v2/annotations/${id}`;
const OWN_INDEX = 'annotator/v1/own/index';

/** A context whose local storage is seeded by `seed(arg)` once, before the page's scripts run
 *  (a function, so values such as lone surrogates are made in the page, not sent to it). */
async function context(seed, arg) {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
  if (seed) {
    await ctx.addInitScript(`(() => { if (sessionStorage.getItem('seeded')) return; sessionStorage.setItem('seeded', '1');
      (${seed.toString()})(${JSON.stringify(arg ?? null)}); })()`);
  }
  const { page, problems } = await watchedPage(ctx);
  return { ctx, page, problems };
}

/** Every key's value as length and a hash of its UTF-16 code units (exact, lone surrogates too;
 *  computed in the page, since strings leave it as UTF-8). */
const snapshot = (page) => page.evaluate(() => Object.fromEntries(Object.keys(localStorage).sort().map((k) => {
  const v = localStorage.getItem(k);
  let h = 0x811c9dc5;
  for (let i = 0; i < v.length; i++) { h ^= v.charCodeAt(i); h = Math.imul(h, 16777619) >>> 0; }
  return [k, `${v.length}:${h.toString(16)}`];
})));
const get = (page, key) => page.evaluate((k) => localStorage.getItem(k), key);
const json = async (page, key) => JSON.parse(await get(page, key));
const backups = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('annotator/backup/')).sort());
/** Whether the value under `a` equals the one under `b`, code unit for code unit. */
const sameValue = (page, a, b) => page.evaluate(([a, b]) => localStorage.getItem(a) === localStorage.getItem(b), [a, b]);

const notice = (page) => page.locator('.notice:not(.info)');
const info = (page) => page.locator('.notice.info');

async function openSeed(page, seed) {
  await page.goto(server.base + '/');
  await page.locator('.article-item', { hasText: seed.title }).click();
  await page.locator('.article-body .stmt').first().waitFor();
  await page.locator('.drawing').waitFor({ state: 'detached' }); // the analysis drawn in
}

async function tag(page, n, key) {
  const s = await page.locator('.article-body .stmt').nth(n).getAttribute('data-s');
  await clickStatement(page, page.locator(`.article-body .stmt[data-s="${s}"]`));
  await page.keyboard.press(key);
  return s;
}

/** After every case: the app is alive, no script from any payload ran, and nothing went wrong
 *  behind the scenes (but the `allowed` problems the case causes on purpose). */
async function healthy(page, problems, allowed = /$^/) {
  assert.equal(await page.locator('.notice.fatal').count(), 0, 'the app stopped');
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'a script from a payload ran');
  assert.deepEqual(problems.filter((p) => !allowed.test(p)), []);
}

async function importFile(page, name, body) {
  await page.getByRole('tab', { name: 'Share' }).click();
  await page.locator('.share input[type=file]').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(body) });
}

const anno = (seed, { id = 'urn:annotator:annotation:x1', exact, prefix = '', suffix = '', start, end, note, tag = 'criticism', created, modified, source } = {}) => ({
  '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'Annotation', id,
  ...(created ? { created } : {}), ...(modified ? { modified } : {}),
  body: [{ type: 'TextualBody', purpose: 'tagging', value: tag }, ...(note ? [{ type: 'TextualBody', purpose: 'commenting', value: note }] : [])],
  target: { source: source ?? `urn:annotator:article:${seed.id}`, selector: [
    { type: 'TextQuoteSelector', exact, prefix, suffix },
    ...(start !== undefined ? [{ type: 'TextPositionSelector', start, end }] : [])] },
});

/** The first sentence-long line of an article's body. */
const sentenceOf = (seed) => seed.text.split('\n').find((l) => l.length > 80).split('. ')[0];

// ---------------------------------------------------------------------------------------------
// Stored data this version cannot fully read: kept, backed up exactly, and said so.

const unreadable = [
  ['truncated JSON', '{"version":2,"article":"ID", truncated'],
  ['an array', '[1,2,3]'],
  ['a number', '42'],
  ['JSON null', 'null'],
  ['another article\'s record', '{"version":2,"article":"someone-else","annotations":[]}'],
  ['a record with a lone surrogate escape', '{"version":2,"article":"ID","annotations":[{"id":"\\ud800"}]}'],
  ['an annotation without selectors', '{"version":2,"article":"ID","annotations":[{"id":"x","created":1,"modified":1}]}'],
];
for (const [what, raw] of unreadable) {
  test(`stored ${what}: set aside exactly, said so, and new work saved`, async () => {
    const seed = seeds[0];
    const value = raw.replace('ID', seed.id);
    const { ctx, page, problems } = await context(([k, v]) => localStorage.setItem(k, v), [KEY(seed.id), value]);
    await openSeed(page, seed);
    await notice(page).filter({ hasText: /could not be read/ }).waitFor();
    const [backup] = await backups(page);
    assert.equal(await get(page, backup), value);
    assert.equal(await get(page, KEY(seed.id)), value, 'left where it was until the reader saves');
    await tag(page, 0, '1');
    // Until the save the key still holds the unreadable value.
    await page.waitForFunction((k) => { try { return JSON.parse(localStorage.getItem(k))?.annotations?.length === 1; } catch { return false; } }, KEY(seed.id));
    assert.equal(await get(page, backup), value, 'the copy survives the save');
    await healthy(page, problems);
    await ctx.close();
  });
}

test('lone surrogates: the backup and its download are exact, code unit for code unit', async () => {
  const seed = seeds[0];
  const { ctx, page, problems } = await context(([k, id]) => {
    const note = 'broken ' + String.fromCharCode(0xd800) + ' and ' + String.fromCharCode(0xdfff) + ' end';
    localStorage.setItem(k, `{"version":2,"article":"${id}","annotations":[{"id":"x","quote":{"exact":"a","prefix":"","suffix":""},"position":{"start":0,"end":1},"tag":null,"note":"${note}","created":1,"modified":2}]}`);
    window.__original = localStorage.getItem(k);
  }, [KEY(seed.id), seed.id]);
  await page.goto(server.base + '/');
  const original = await page.evaluate((k) => Array.from(localStorage.getItem(k), (c) => c.charCodeAt(0)).length, KEY(seed.id));
  const units = await page.evaluate((k) => { const v = localStorage.getItem(k); return Array.from({ length: v.length }, (_, i) => v.charCodeAt(i)); }, KEY(seed.id));
  await page.locator('.article-item', { hasText: seed.title }).click();
  await notice(page).filter({ hasText: /not valid text/ }).waitFor();
  const [backup] = await backups(page);
  assert.ok(await sameValue(page, backup, KEY(seed.id)), 'the backup equals the original exactly');
  const [dl] = await Promise.all([page.waitForEvent('download'), notice(page).getByRole('button', { name: 'Download the data set aside' }).click()]);
  const bytes = await fs.readFile(await dl.path());
  assert.deepEqual([...bytes.subarray(0, 2)], [0xff, 0xfe], 'UTF-16LE with a byte-order mark');
  const got = [];
  for (let i = 2; i < bytes.length; i += 2) got.push(bytes.readUInt16LE(i));
  assert.equal(got.length, units.length);
  assert.ok(original > 0);
  assert.deepEqual(got, units, 'the download holds every code unit, lone surrogates included');
  await healthy(page, problems);
  await ctx.close();
});

test('unknown fields at any depth survive the reader\'s changes', async () => {
  const seed = seeds[0];
  const { ctx, page, problems } = await context(([k, id]) => localStorage.setItem(k, JSON.stringify({
    version: 2, article: id, sync: { peer: 'tablet-3', seq: [1, 2] },
    annotations: [{ id: 'old', quote: { exact: 'zzz', prefix: '', suffix: '', lang: 'en' }, position: { start: 0, end: 3, unit: 'cp' },
      tag: 'official', note: 'kept', created: 1, modified: 2, colour: 'red', reviewers: [{ name: 'T' }] }],
  })), [KEY(seed.id), seed.id]);
  await openSeed(page, seed);
  await tag(page, 1, '2');
  await page.waitForFunction((k) => JSON.parse(localStorage.getItem(k)).annotations.length === 2, KEY(seed.id));
  const r = await json(page, KEY(seed.id));
  assert.deepEqual(r.sync, { peer: 'tablet-3', seq: [1, 2] });
  const old = r.annotations.find((a) => a.id === 'old');
  assert.deepEqual([old.colour, old.reviewers, old.quote.lang, old.position.unit, old.note], ['red', [{ name: 'T' }], 'en', 'cp', 'kept']);
  await healthy(page, problems);
  await ctx.close();
});

test('a newer version\'s record is read-only: a key is refused with a message and nothing is written', async () => {
  const seed = seeds[0];
  const { ctx, page, problems } = await context(([k, id, exact]) => localStorage.setItem(k, JSON.stringify({
    version: 3, article: id, layers: ['entities'],
    annotations: [{ id: 'v3', quote: { exact, prefix: '', suffix: '' }, position: { start: 0, end: exact.length },
      tag: 'speculation', note: '', created: 1, modified: 2, kind: 'entity-correction' }],
  })), [KEY(seed.id), seed.id, seed.text.split('\n')[0]]);
  await openSeed(page, seed);
  await notice(page).filter({ hasText: /newer version/ }).waitFor();
  const before = await snapshot(page);
  await tag(page, 1, '1');
  await notice(page).filter({ hasText: /read-only and nothing was changed/ }).waitFor();
  await page.waitForTimeout(300);
  assert.deepEqual(await snapshot(page), before);
  assert.equal(await page.locator('.stmt.tag-official').count(), 0);
  await healthy(page, problems);
  await ctx.close();
});

test('a newer version\'s record: "Edit anyway" saves with its unknown fields kept, the original backed up', async () => {
  const seed = seeds[0];
  const { ctx, page, problems } = await context(([k, id]) => localStorage.setItem(k, JSON.stringify({
    version: 3, article: id, layers: ['entities'],
    annotations: [{ id: 'v3', quote: { exact: 'nowhere at all', prefix: '', suffix: '' }, position: { start: 0, end: 14 },
      tag: 'speculation', note: 'n', created: 1, modified: 2, kind: 'entity-correction' }],
  })), [KEY(seed.id), seed.id]);
  await openSeed(page, seed);
  const original = await get(page, KEY(seed.id));
  await notice(page).getByRole('button', { name: 'Edit anyway' }).click();
  await tag(page, 1, '1');
  await page.waitForFunction((k) => JSON.parse(localStorage.getItem(k)).version === 2, KEY(seed.id));
  const r = await json(page, KEY(seed.id));
  assert.deepEqual(r.layers, ['entities']);
  assert.equal(r.annotations.find((a) => a.id === 'v3').kind, 'entity-correction');
  const saved = await backups(page);
  assert.ok(saved.length >= 1);
  assert.ok((await Promise.all(saved.map((b) => get(page, b)))).includes(original), 'the v3 original is kept');
  await healthy(page, problems);
  await ctx.close();
});

for (const [what, position] of [['start after end', { start: 50, end: 10 }], ['offsets past the end', { start: 900000, end: 900020 }]]) {
  test(`a stored record with ${what}: backed up, said so, and not rewritten`, async () => {
    const seed = seeds[0];
    const { ctx, page, problems } = await context(([k, id, position]) => localStorage.setItem(k, JSON.stringify({
      version: 2, article: id,
      annotations: [{ id: 'odd', quote: { exact: 'text found nowhere in the article', prefix: '', suffix: '' }, position,
        tag: 'criticism', note: '', created: 1, modified: 2 }],
    })), [KEY(seed.id), seed.id, position]);
    await openSeed(page, seed);
    const value = await get(page, KEY(seed.id));
    await notice(page).filter({ hasText: /positions outside the text/ }).waitFor();
    const [backup] = await backups(page);
    assert.equal(await get(page, backup), value);
    await tag(page, 1, '3');
    await page.waitForFunction((k) => JSON.parse(localStorage.getItem(k)).annotations.length === 2, KEY(seed.id));
    const odd = (await json(page, KEY(seed.id))).annotations.find((a) => a.id === 'odd');
    assert.deepEqual(odd.position, position, 'its offsets are kept as they were');
    await healthy(page, problems);
    await ctx.close();
  });
}

test('a v1 record that cannot be read is set aside, not migrated over', async () => {
  const seed = seeds[0];
  const { ctx, page, problems } = await context(([id]) => localStorage.setItem(`annotator/v1/annotations/${id}`, '{"version":1,"tags":"broken"}'), [seed.id]);
  await openSeed(page, seed);
  await notice(page).filter({ hasText: /could not be read/ }).waitFor();
  assert.equal(await get(page, `annotator/v1/annotations/${seed.id}`), '{"version":1,"tags":"broken"}');
  assert.equal((await backups(page)).length, 1);
  await healthy(page, problems);
  await ctx.close();
});

test('the list of own articles from a newer version is shown, never overwritten, and adding says why not', async () => {
  const index = JSON.stringify({ version: 2, articles: [{ id: 'own-1', file: '', title: 'Future article', source: 'Your article', words: 3 }], sort: 'recent' });
  const { ctx, page, problems } = await context(([k, v]) => { localStorage.setItem(k, v); localStorage.setItem('annotator/v1/own/text/own-1', 'Future article\nIts text is here.'); }, [OWN_INDEX, index]);
  await page.goto(server.base + '/');
  await notice(page).filter({ hasText: /newer version.*left untouched/ }).waitFor();
  await page.locator('.article-item', { hasText: 'Future article' }).waitFor();
  await page.getByRole('button', { name: '+ Add your own article' }).click();
  await page.getByLabel('Article text').fill('A new article\nThe minister said the plan would go ahead.');
  await page.getByRole('button', { name: 'Add article' }).click();
  await page.locator('.form-error', { hasText: /newer version/ }).waitFor();
  assert.equal(await get(page, OWN_INDEX), index);
  await page.reload();
  await page.locator('.article-item').first().waitFor();
  assert.equal(await get(page, OWN_INDEX), index, 'still untouched after a reload');
  await healthy(page, problems);
  await ctx.close();
});

test('an unreadable list of own articles is backed up exactly before a new article is added', async () => {
  const { ctx, page, problems } = await context(([k]) => localStorage.setItem(k, '{"version":1,"articles":[{"id":'), [OWN_INDEX]);
  await page.goto(server.base + '/');
  await notice(page).filter({ hasText: /own articles could not be read/ }).waitFor();
  await page.getByRole('button', { name: '+ Add your own article' }).click();
  await page.getByLabel('Article text').fill('A new article\nThe minister said the plan would go ahead.');
  await page.getByRole('button', { name: 'Add article' }).click();
  await page.locator('.article-body .stmt').first().waitFor();
  await page.locator('.drawing').waitFor({ state: 'detached' }); // the analysis drawn in
  assert.equal(await get(page, 'annotator/backup/v1/own/index'), '{"version":1,"articles":[{"id":');
  assert.equal((await json(page, OWN_INDEX)).articles.length, 1);
  await healthy(page, problems);
  await ctx.close();
});

test('5,000 own articles: a page of them listed, "Show more" adds the next, the open one is always listed', async () => {
  const { ctx, page, problems } = await context((key) => {
    const articles = Array.from({ length: 5000 }, (_, i) => ({ id: `own-${i}`, file: '', title: `Own article ${i}`, source: 'Your article', words: 6 }));
    localStorage.setItem(key, JSON.stringify({ version: 1, articles }));
    localStorage.setItem('annotator/v1/own/text/own-4321', 'Own article 4321\nThe minister said the plan would go ahead.');
    localStorage.setItem('annotator/v1/own/text/own-150', 'Own article 150\nThe council said the road would close.');
    localStorage.setItem('annotator/v1/selected', '"own-4321"');
  }, OWN_INDEX);
  const before = await (async () => { await page.goto(server.base + '/'); return get(page, OWN_INDEX); })();
  await page.locator('.article-body .stmt').first().waitFor();
  await page.locator('.drawing').waitFor({ state: 'detached' }); // the analysis drawn in
  const items = page.locator('.own-item');
  // The first page, and the open article (far beyond it) listed after it, marked current.
  assert.equal(await items.count(), 101);
  assert.equal(await items.last().locator('.article-item').getAttribute('aria-current'), 'true');
  assert.match(await items.last().textContent(), /Own article 4321/);
  const more = page.locator('.own-more');
  assert.match(await more.textContent(), /Show 100 more \(4900 not shown\)/);
  await more.scrollIntoViewIfNeeded();
  const box = await more.boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForFunction(() => document.querySelectorAll('.own-item').length === 201);
  assert.match(await items.nth(199).textContent(), /Own article 199/);
  // Another own article is opened from the list with the mouse.
  const other = items.nth(150).locator('.article-item');
  await other.scrollIntoViewIfNeeded();
  const ob = await other.boundingBox();
  await page.mouse.click(ob.x + 20, ob.y + ob.height / 2);
  await page.waitForFunction(() => document.querySelector('.own-item .article-item[aria-current="true"]')?.textContent.includes('Own article 150'));
  await page.locator('.article-body .stmt', { hasText: 'road would close' }).waitFor();
  assert.equal(await items.count(), 200, 'the open article is now within the pages shown');
  assert.equal(await get(page, OWN_INDEX), before, 'the list is not rewritten');
  await healthy(page, problems);
  await ctx.close();
});

test('other apps\' keys on the same origin are never touched', async () => {
  const seed = seeds[0];
  const { ctx, page, problems } = await context(() => {
    localStorage.setItem('other-app/state', '{"x":1}');
    localStorage.setItem('annotatorx', 'not ours either');
    localStorage.setItem('weird', String.fromCharCode(0xdc00) + 'z');
  });
  await page.goto(server.base + '/');
  const before = await snapshot(page);
  await page.locator('.article-item', { hasText: seed.title }).click();
  await page.locator('.article-body .stmt').first().waitFor();
  await page.locator('.drawing').waitFor({ state: 'detached' }); // the analysis drawn in
  await tag(page, 0, '1');
  await page.waitForFunction((k) => localStorage.getItem(k) !== null, KEY(seed.id));
  const after = await snapshot(page);
  for (const k of ['other-app/state', 'annotatorx', 'weird']) assert.equal(after[k], before[k], k);
  await healthy(page, problems);
  await ctx.close();
});

for (const [what, key, value] of [
  ['a garbage remembered article', 'annotator/v1/selected', '{{{'],
  ['a garbage text size', 'annotator/v1/text-size', '99999999999'],
  ['a remembered file outside the site', 'annotator/v1/selected-file', '"../../../etc/passwd"'],
  ['a remembered file on another host', 'annotator/v1/selected-file', '"https://evil.example/x.txt"'],
]) {
  test(`${what}: the app starts normally and fetches nothing outside its articles`, async () => {
    const { ctx, page, problems } = await context(([k, v]) => { localStorage.setItem(k, v); localStorage.setItem('annotator/v1/selected', '"x"'); }, [key, value]);
    const requests = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await page.goto(server.base + '/');
    await page.locator('.article-item').first().waitFor();
    assert.ok(requests.every((p) => !/passwd|evil/.test(p)), requests.join(' '));
    await page.locator('.article-item').first().click();
    await page.locator('.article-body .stmt').first().waitFor();
    await page.locator('.drawing').waitFor({ state: 'detached' }); // the analysis drawn in
    await healthy(page, problems);
    await ctx.close();
  });
}

// ---------------------------------------------------------------------------------------------
// Writes the browser refuses.

test('storage turned off: the app works, and says that nothing is saved', async () => {
  const seed = seeds[1];
  const { ctx, page, problems } = await context(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
  });
  await openSeed(page, seed);
  await tag(page, 0, '1');
  await page.locator('.stmt.tag-official').first().waitFor();
  await notice(page).filter({ hasText: /not saved|local storage is off/ }).waitFor();
  await healthy(page, problems);
  await ctx.close();
});

test('every write refused (quota): stored annotations stay exactly as they were', async () => {
  const seed = seeds[1];
  const { ctx, page, problems } = await context(([k, id]) => localStorage.setItem(k, JSON.stringify({ version: 2, article: id, annotations: [] })), [KEY(seed.id), seed.id]);
  await openSeed(page, seed);
  const before = await snapshot(page);
  await page.evaluate(() => { Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); }; });
  await tag(page, 0, '2');
  await notice(page).filter({ hasText: /full; nothing was overwritten/ }).waitFor();
  assert.deepEqual(await snapshot(page), before);
  await healthy(page, problems);
  await ctx.close();
});

// ---------------------------------------------------------------------------------------------
// Clocks that run ahead.

test('another tab\'s record stamped in the future can still be re-tagged here', async () => {
  const seed = seeds[0];
  const { ctx, page, problems } = await context();
  await openSeed(page, seed);
  const s = await tag(page, 0, '1');
  await page.waitForFunction((k) => localStorage.getItem(k) !== null, KEY(seed.id));
  // The other tab's clock is a year ahead: it stored the same record, re-tagged, far in the future.
  await page.evaluate(([k]) => {
    const r = JSON.parse(localStorage.getItem(k));
    r.annotations[0].tag = 'speculation';
    r.annotations[0].modified = Date.now() + 365 * 864e5;
    const value = JSON.stringify(r);
    localStorage.setItem(k, value);
    window.dispatchEvent(new StorageEvent('storage', { key: k, newValue: value, storageArea: localStorage }));
  }, [KEY(seed.id)]);
  await page.locator(`.stmt.tag-speculation[data-s="${s}"]`).waitFor();
  await page.keyboard.press('2');
  await page.locator(`.stmt.tag-criticism[data-s="${s}"]`).waitFor();
  await page.waitForFunction((k) => JSON.parse(localStorage.getItem(k)).annotations[0].tag === 'criticism', KEY(seed.id));
  await page.reload();
  await page.locator(`.stmt.tag-criticism[data-s="${s}"]`).waitFor();
  await healthy(page, problems);
  await ctx.close();
});

test('an imported annotation dated in the future can be re-tagged', async () => {
  const seed = seeds[0];
  const { ctx, page, problems } = await context();
  await openSeed(page, seed);
  const stmt = page.locator('.article-body .stmt').nth(1);
  const [exact, s] = [await stmt.innerText(), await stmt.getAttribute('data-s')];
  await importFile(page, 'future.json', JSON.stringify([anno(seed, { exact, modified: '2099-01-01T00:00:00Z', created: '2099-01-01T00:00:00Z' })]));
  await info(page).filter({ hasText: '1 new' }).waitFor();
  await page.locator(`.stmt.tag-criticism[data-s="${s}"]`).waitFor();
  await clickStatement(page, page.locator(`.article-body .stmt[data-s="${s}"]`));
  await page.keyboard.press('1');
  await page.locator(`.stmt.tag-official[data-s="${s}"]`).waitFor();
  await page.waitForFunction((k) => JSON.parse(localStorage.getItem(k) ?? 'null')?.annotations?.[0]?.tag === 'official', KEY(seed.id));
  await page.reload();
  await page.locator(`.stmt.tag-official[data-s="${s}"]`).waitFor();
  await healthy(page, problems);
  await ctx.close();
});

// ---------------------------------------------------------------------------------------------
// Hostile imports: refused with a message and nothing changed, or taken in as text only.

async function refusedImport(name, body, message) {
  const seed = seeds[0];
  const { ctx, page, problems } = await context();
  await openSeed(page, seed);
  await tag(page, 1, '2');
  await page.waitForFunction((k) => localStorage.getItem(k) !== null, KEY(seed.id));
  const before = await snapshot(page);
  await importFile(page, name, typeof body === 'function' ? body(seed) : body);
  await notice(page).filter({ hasText: message }).waitFor();
  assert.match(await notice(page).innerText(), /Nothing was imported/);
  assert.deepEqual(await snapshot(page), before);
  await healthy(page, problems);
  await ctx.close();
}

const refusals = [
  ['offsets past 2^32', (s) => JSON.stringify([anno(s, { exact: sentenceOf(s), start: 2 ** 32 + 5, end: 2 ** 32 + 10 })]), /not a character offset/],
  ['a quote of 30,000 characters', (s) => JSON.stringify([anno(s, { exact: 'q'.repeat(30000) })]), /quotes of up to 20000 characters/],
  ['a note of 30,000 characters', (s) => JSON.stringify([anno(s, { exact: sentenceOf(s), note: 'n'.repeat(30000) })]), /notes of up to 20000 characters/],
  ['an unknown tag', (s) => JSON.stringify([anno(s, { exact: sentenceOf(s), tag: 'opinion' })]), /does not know/],
  ['negative offsets', (s) => JSON.stringify([anno(s, { exact: sentenceOf(s), start: -5, end: 3 })]), /not a character offset/],
  ['start after end', (s) => JSON.stringify([anno(s, { exact: sentenceOf(s), start: 30, end: 3 })]), /after end/],
  ['only annotations of other collections', (s) => JSON.stringify([anno(s, { exact: 'x', source: 'urn:annotator:article:not-here' })]), /not in this collection/],
  ['a prototype-polluting shape', '{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}}}', /not Web Annotations/],
  ['deeply nested JSON', '['.repeat(5000) + ']'.repeat(5000), /not JSON/],
  ['a 6 MB file', '[' + ' '.repeat(6 * 1024 * 1024) + ']', /MB/],
];
for (const [what, body, message] of refusals) {
  test(`import with ${what}: refused with a message, storage unchanged`, () => refusedImport(`${what}.json`, body, message));
}

test('import with script in notes and quotes: taken in as text, nothing runs', async () => {
  const seed = seeds[0];
  const { ctx, page, problems } = await context();
  await openSeed(page, seed);
  const exact = sentenceOf(seed);
  const start = seed.text.indexOf(exact);
  const note = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
  await importFile(page, 'xss.json', JSON.stringify([anno(seed, { exact, start, end: start + exact.length, note })]));
  await info(page).filter({ hasText: '1 new' }).waitFor();
  await page.getByRole('tab', { name: 'Annotations' }).click();
  await page.locator('aside.panel .ann-note', { hasText: '<img src=x' }).waitFor();
  assert.equal(await page.locator('aside.panel img, aside.panel script').count(), 0);
  await page.waitForFunction((k) => JSON.parse(localStorage.getItem(k) ?? 'null')?.annotations?.[0]?.note?.includes('<script>'), KEY(seed.id));
  await healthy(page, problems);
  await ctx.close();
});

test('import of a one-letter quote with 2,000 characters of context each side finishes and is placed', async () => {
  const seed = seeds[0];
  const { ctx, page, problems } = await context();
  await openSeed(page, seed);
  const t0 = Date.now();
  await importFile(page, 'context.json', JSON.stringify([anno(seed, { exact: 'e', prefix: 'p'.repeat(2000), suffix: 's'.repeat(2000), start: 5, end: 6 })]));
  await info(page).filter({ hasText: /1 new/ }).waitFor();
  assert.ok(Date.now() - t0 < 10000, `took ${Date.now() - t0} ms`);
  await page.waitForFunction((k) => JSON.parse(localStorage.getItem(k) ?? 'null')?.annotations?.length === 1, KEY(seed.id));
  await page.reload();
  await page.locator('.article-body .stmt').first().waitFor();
  await page.locator('.drawing').waitFor({ state: 'detached' }); // the analysis drawn in
  await healthy(page, problems);
  await ctx.close();
});

test('the same import twice: the second adds nothing and says so', async () => {
  const seed = seeds[0];
  const { ctx, page, problems } = await context();
  await openSeed(page, seed);
  const exact = sentenceOf(seed);
  const start = seed.text.indexOf(exact);
  const body = JSON.stringify([anno(seed, { exact, start, end: start + exact.length })]);
  await importFile(page, 'a.json', body);
  await info(page).filter({ hasText: '1 new' }).waitFor();
  await page.waitForFunction((k) => localStorage.getItem(k) !== null, KEY(seed.id));
  const before = await snapshot(page);
  await info(page).getByRole('button', { name: 'Dismiss' }).click();
  await importFile(page, 'a.json', body);
  await info(page).filter({ hasText: '1 already there' }).waitFor();
  await page.waitForTimeout(300);
  assert.deepEqual(await snapshot(page), before);
  await healthy(page, problems);
  await ctx.close();
});

test('a partial import (another article\'s record refused by the browser) is reported as partial', async () => {
  const [open, other] = [seeds[0], seeds[1]];
  const { ctx, page, problems } = await context();
  await openSeed(page, open);
  const a = sentenceOf(open), b = sentenceOf(other);
  const body = JSON.stringify([
    anno(open, { id: 'urn:annotator:annotation:o1', exact: a, start: open.text.indexOf(a), end: open.text.indexOf(a) + a.length }),
    anno(other, { id: 'urn:annotator:annotation:o2', exact: b, start: other.text.indexOf(b), end: other.text.indexOf(b) + b.length }),
  ]);
  // The browser refuses writes to the other article's record only.
  await page.evaluate((k) => {
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (key === k) throw new DOMException('full', 'QuotaExceededError');
      return set.call(this, key, value);
    };
  }, KEY(other.id));
  await importFile(page, 'two.json', body);
  await notice(page).filter({ hasText: /imported only in part/ }).waitFor();
  assert.doesNotMatch(await notice(page).innerText(), /Nothing was imported/);
  await page.waitForFunction((k) => JSON.parse(localStorage.getItem(k) ?? 'null')?.annotations?.length === 1, KEY(open.id));
  assert.equal(await get(page, KEY(other.id)), null);
  await healthy(page, problems);
  await ctx.close();
});

// ---------------------------------------------------------------------------------------------
// Share links.

async function linkCase(hash, message, { running = false } = {}) {
  const seed = seeds[0];
  const { ctx, page, problems } = await context();
  await openSeed(page, seed);
  await tag(page, 0, '1');
  await page.waitForFunction((k) => localStorage.getItem(k) !== null, KEY(seed.id));
  const before = await snapshot(page);
  if (running) await page.evaluate((h) => { location.hash = h; }, hash);
  else { await page.goto(`${server.base}/#${hash}`); }
  await notice(page).filter({ hasText: message }).waitFor();
  await page.locator('h1.article-title', { hasText: seed.title }).waitFor();
  assert.deepEqual(await snapshot(page), before);
  await healthy(page, problems);
  await ctx.close();
}

test('a damaged share link: a message, nothing changed', () => linkCase('share=%%%not-base64', /Nothing was changed/));
test('a share link of random bytes: a message, nothing changed', () => linkCase('share=' + 'A'.repeat(400), /Nothing was changed/));
test('a share link that unpacks to gigabytes is refused', async () => {
  const zlib = await import('node:zlib');
  const bomb = zlib.deflateSync(Buffer.alloc(64 * 1024 * 1024, 32), { level: 9 }).toString('base64url');
  await linkCase('share=' + bomb, /refused/);
});
test('a share link for an article not in the collection, set on a running tab, keeps the open article', async () => {
  const { deflateSync } = await import('node:zlib');
  const payload = deflateSync(Buffer.from(JSON.stringify({ v: 1, a: 'not-in-this-collection', n: '<b>Eve</b>', x: [['i', 0, 3, 'abc', 'criticism', '', 0, 1, 2]] }))).toString('base64url');
  await linkCase('share=' + payload, /not in this collection/, { running: true });
});

test('a share link with script in the sender\'s name and notes shows them as text', async () => {
  const seed = seeds[0];
  const { deflateSync } = await import('node:zlib');
  const exact = sentenceOf(seed);
  const start = seed.text.indexOf(exact);
  const payload = deflateSync(Buffer.from(JSON.stringify({ v: 1, a: seed.id, n: '<img src=x onerror="window.__pwned=1">',
    x: [['s1', start, start + exact.length, exact, 'criticism', '<script>window.__pwned=2</script>', 0, 1, 2]] }))).toString('base64url');
  const { ctx, page, problems } = await context();
  await page.goto(`${server.base}/#share=${payload}`);
  await page.locator('.article-body .stmt').first().waitFor();
  await page.locator('.drawing').waitFor({ state: 'detached' }); // the analysis drawn in
  await page.getByText('<img src=x onerror="window.__pwned=1">').first().waitFor();
  assert.equal(await page.locator('img').count(), 0);
  assert.equal(await get(page, KEY(seed.id)), null, 'shown, not stored, until merged');
  await healthy(page, problems);
  await ctx.close();
});

// ---------------------------------------------------------------------------------------------
// Own articles: hostile and huge input.

async function addOwnFile(page, name, buffer, mimeType = 'text/plain') {
  await page.getByRole('button', { name: '+ Add your own article' }).click();
  await page.locator('.add-form input[type=file]').setInputFiles({ name, mimeType, buffer });
}

test('a Latin-1 text file keeps its accents, and the reader is told which encoding was assumed', async () => {
  const { ctx, page, problems } = await context();
  await page.goto(server.base + '/');
  const text = 'Café société\nLe ministère a annoncé que la réforme serait appliquée. Les critiques ont dénoncé une décision précipitée.';
  await addOwnFile(page, 'latin1.txt', Buffer.from(text, 'latin1'));
  await page.locator('.form-notice', { hasText: /Windows-1252/ }).waitFor();
  assert.equal(await page.getByLabel('Article text').inputValue(), text);
  await page.getByRole('button', { name: 'Add article' }).click();
  await page.locator('.article-body', { hasText: 'ministère a annoncé' }).waitFor();
  await healthy(page, problems);
  await ctx.close();
});

test('a UTF-8 file with a byte-order mark reads without a note', async () => {
  const { ctx, page, problems } = await context();
  await page.goto(server.base + '/');
  await addOwnFile(page, 'bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Titre\nLe ministère a annoncé la réforme.')]));
  await page.waitForFunction(() => document.querySelector('.add-form textarea')?.value.startsWith('Titre'));
  assert.equal(await page.locator('.form-notice').count(), 0);
  await healthy(page, problems);
  await ctx.close();
});

test('a binary file is refused with a message and nothing is stored', async () => {
  const { ctx, page, problems } = await context();
  await page.goto(server.base + '/');
  const before = await snapshot(page);
  await addOwnFile(page, 'photo.txt', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
  await page.locator('.form-error', { hasText: /does not look like text|binary/ }).waitFor();
  assert.deepEqual(await snapshot(page), before);
  await healthy(page, problems);
  await ctx.close();
});

test('a 5 MB single line is refused with its size, nothing stored, the page responsive', async () => {
  const { ctx, page, problems } = await context();
  await page.goto(server.base + '/');
  const before = await snapshot(page);
  await addOwnFile(page, 'line.txt', Buffer.from('word '.repeat(1024 * 1024)));
  await page.locator('.form-error', { hasText: /MB/ }).waitFor();
  assert.deepEqual(await snapshot(page), before);
  await healthy(page, problems);
  await ctx.close();
});

test('an HTML file with scripts, handlers and frames: text only, nothing runs or loads', async () => {
  const { ctx, page, problems } = await context();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(server.base + '/');
  const html = '<html><head><title>Evil page</title><script>window.__pwned=1</script></head><body onload="window.__pwned=2">' +
    '<p>The minister said the plan <b>would</b> go ahead.</p><img src="http://127.0.0.1:1/pixel.gif" onerror="window.__pwned=3">' +
    '<iframe src="javascript:window.parent.__pwned=4"></iframe><svg onload="window.__pwned=5"></svg></body></html>';
  await addOwnFile(page, 'evil.html', Buffer.from(html), 'text/html');
  await page.waitForFunction(() => document.querySelector('.add-form textarea')?.value.includes('minister'));
  await page.getByRole('button', { name: 'Add article' }).click();
  await page.locator('.article-body .stmt').first().waitFor();
  await page.locator('.drawing').waitFor({ state: 'detached' }); // the analysis drawn in
  assert.ok(requests.every((u) => !u.includes('pixel.gif')), 'nothing from the file loaded');
  // Chromium reports the parsed file's inline handlers as refused by the page's policy.
  await healthy(page, problems, /Content Security Policy|CSP violation/);
  await ctx.close();
});

// ---------------------------------------------------------------------------------------------
// Racing the app: keys while an article is switched, loads that fail late, undo spam.

test('keys pressed while articles are switched and loads fail late: no panic, work saved', async () => {
  const { ctx, page, problems } = await context();
  // Every other request for the second article fails, late.
  let n = 0;
  await page.route(`**/articles/${seeds[1].file}`, async (route) => {
    await new Promise((r) => setTimeout(r, 300));
    if (n++ % 2 === 0) await route.fulfill({ status: 500, body: 'boom' }); else await route.continue();
  });
  await page.goto(server.base + '/');
  for (let i = 0; i < 6; i++) {
    await page.locator('.article-item').nth(i % 2).click();
    for (const k of ['j', '1', 'k', '2', 'n', 'Escape', 'Control+z', 'Control+y', 'Enter', 'x', '0']) await page.keyboard.press(k);
  }
  await page.locator('.article-item', { hasText: seeds[0].title }).click();
  await page.locator('.article-body .stmt').first().waitFor();
  await page.locator('.drawing').waitFor({ state: 'detached' }); // the analysis drawn in
  await tag(page, 2, '3');
  await page.waitForFunction((k) => JSON.parse(localStorage.getItem(k) ?? 'null')?.annotations?.some((a) => a.tag === 'speculation'), KEY(seeds[0].id));
  await healthy(page, problems, /HTTP 500|status of 500/);
  await ctx.close();
});

test('undo and redo pressed hundreds of times keep storage consistent', async () => {
  const seed = seeds[0];
  const { ctx, page, problems } = await context();
  await openSeed(page, seed);
  await tag(page, 0, '1');
  await tag(page, 1, '2');
  for (let i = 0; i < 100; i++) await page.keyboard.press(i % 3 === 2 ? 'Control+y' : 'Control+z');
  for (let i = 0; i < 10; i++) await page.keyboard.press('Control+y');
  await page.locator('.stmt.tag-criticism').first().waitFor();
  await page.waitForFunction((k) => JSON.parse(localStorage.getItem(k)).annotations.filter((a) => !a.deleted).length === 2, KEY(seed.id));
  await healthy(page, problems);
  await ctx.close();
});

// ---------------------------------------------------------------------------------------------
// Large records: each change goes to a per-tab journal, folded into the record when input pauses.

/** A stored record of `n` annotations on words of the article (far past the size written whole). */
function largeRecord(seed, n) {
  const words = [...seed.text.matchAll(/\p{L}{4,}/gu)];
  const annotations = Array.from({ length: n }, (_, i) => {
    const m = words[i % words.length];
    const start = Array.from(seed.text.slice(0, m.index)).length;
    return { id: `big${i}`, quote: { exact: m[0], prefix: '', suffix: '' }, position: { start, end: start + m[0].length }, tag: 'official', note: '', created: 1, modified: 1 };
  });
  return JSON.stringify({ version: 2, article: seed.id, sync: { peer: 'p' }, annotations });
}

test('a large record: a tag writes only the change, survives a reload, and is folded in on a pause', async () => {
  const seed = seeds[0];
  const { ctx, page, problems } = await context(([k, v]) => localStorage.setItem(k, v), [KEY(seed.id), largeRecord(seed, 300)]);
  await ctx.addInitScript(() => {
    window.__writes = [];
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) { window.__writes.push([String(k), String(v).length]); return set.call(this, k, v); };
  });
  await openSeed(page, seed);
  const original = await get(page, KEY(seed.id));
  await page.evaluate(() => { window.__writes = []; });
  const s = await tag(page, 1, '3');
  await page.waitForFunction((id) => Object.keys(localStorage).some((k) => k.startsWith('annotator/v2/journal/') && k.endsWith('/' + id)), seed.id);
  const writes = await page.evaluate(() => window.__writes.filter(([k]) => k.includes('/v2/')));
  assert.equal(writes.length, 1, JSON.stringify(writes));
  assert.match(writes[0][0], /^annotator\/v2\/journal\//);
  assert.ok(writes[0][1] < 2000, `a tag wrote ${writes[0][1]} characters`);
  assert.equal(await get(page, KEY(seed.id)), original, 'the record itself is not rewritten for a tag');
  // A reload before the pause reads the record and the journal together.
  await page.reload();
  await page.locator(`.stmt.tag-speculation[data-s="${s}"]`).waitFor();
  // At the pause after opening, the journal the closed page left is folded into the record
  // (unknown fields kept) and removed.
  await page.waitForFunction(([k]) => JSON.parse(localStorage.getItem(k)).annotations.some((a) => a.tag === 'speculation'), [KEY(seed.id)], { timeout: 10000 });
  await page.waitForFunction((id) => !Object.keys(localStorage).some((k) => k.startsWith('annotator/v2/journal/') && k.endsWith('/' + id)), seed.id);
  const r = await json(page, KEY(seed.id));
  assert.deepEqual(r.sync, { peer: 'p' });
  assert.equal(r.annotations.filter((a) => a.id.startsWith('big')).length, 300, 'nothing stored before was lost');
  await healthy(page, problems);
  await ctx.close();
});

test('a large record in two tabs: each sees the other\'s changes through the journals, nothing lost', async () => {
  const seed = seeds[0];
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const record = largeRecord(seed, 300);
  const a = await watchedPage(ctx);
  await a.page.goto(server.base + '/');
  await a.page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY(seed.id), record]);
  await openSeed(a.page, seed);
  const b = await watchedPage(ctx);
  await openSeed(b.page, seed);
  const keys = ['1', '2', '3'];
  const tagged = [];
  for (let i = 0; i < 12; i++) {
    const page = i % 2 ? b.page : a.page;
    tagged.push([await tag(page, 3 + i, keys[i % 3]), ['official', 'criticism', 'speculation'][i % 3]]);
  }
  // Every tag shows in both tabs (the other tab's through its journal's storage event).
  for (const page of [a.page, b.page]) {
    for (const [s, t] of tagged) await page.locator(`.stmt.tag-${t}[data-s="${s}"]`).waitFor();
  }
  // After the pause, one record holds everything and no journal is left.
  await a.page.waitForFunction((id) => !Object.keys(localStorage).some((k) => k.startsWith('annotator/v2/journal/') && k.endsWith('/' + id)), seed.id, { timeout: 15000 });
  const r = await json(a.page, KEY(seed.id));
  assert.equal(r.annotations.filter((x) => x.id.startsWith('big')).length, 300);
  assert.equal(r.annotations.filter((x) => !x.id.startsWith('big') && !x.deleted).length, 12, 'each tab\'s tags are in the record');
  await healthy(a.page, a.problems);
  await healthy(b.page, b.problems);
  await ctx.close();
});

test('an unreadable journal is set aside exactly and the record is left as it was', async () => {
  const seed = seeds[0];
  const record = largeRecord(seed, 300);
  const journal = 'annotator/v2/journal/other-tab/1/' + seed.id;
  const { ctx, page, problems } = await context(([k, v, j]) => { localStorage.setItem(k, v); localStorage.setItem(j, '{"version":2,"article":'); }, [KEY(seed.id), record, journal]);
  await openSeed(page, seed);
  await notice(page).filter({ hasText: 'Recent changes' }).waitFor();
  assert.match(await notice(page).innerText(), /exact copy was set aside/);
  assert.ok(await sameValue(page, 'annotator/backup/v2/journal/other-tab/1/' + seed.id, journal), 'the copy is exact');
  assert.equal(await get(page, KEY(seed.id)), record);
  // A change goes on, and folding in leaves the unreadable journal where it is.
  await tag(page, 1, '2');
  await page.waitForTimeout(2500);
  assert.equal(await get(page, journal), '{"version":2,"article":');
  await healthy(page, problems);
  await ctx.close();
});
