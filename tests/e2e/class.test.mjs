// End-to-end: the class view in real Chromium. A student tags an article with the mouse and
// sends a share link and an exported file; four more links and two more files come from
// classmates (built here in the app's formats); the teacher collects them all at once, is asked
// once for the missing name, sees the class's bars, the contested list and the students' kappas,
// exports the table, publishes a class pack, reloads, and removes the class's work.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, launch, watchedPage, readSeeds, ROOT } from './harness.mjs';
import { shareValue, statements, rows } from './class-work.mjs';

const SHOTS = path.join(ROOT, 'tests', 'e2e', 'screenshots');
let server, browser, seeds;
/** Files the server adds to the site; the answer key is put here once the test has made it. */
const extra = {};

function webAnnotation(article, title, sts, tags, creator) {
  const items = tags.flatMap((tag, n) => (tag ? [{
    '@context': 'http://www.w3.org/ns/anno.jsonld', id: `urn:annotator:annotation:${creator}-${n}`, type: 'Annotation',
    created: '2026-11-30T10:00:00.000Z', modified: '2026-11-30T10:00:00.000Z',
    body: [{ type: 'TextualBody', purpose: 'tagging', value: tag }],
    target: { source: `urn:annotator:article:${article}`, selector: [
      { type: 'TextQuoteSelector', exact: sts[n].text, prefix: '', suffix: '' },
      { type: 'TextPositionSelector', start: sts[n].start, end: sts[n].end }] },
    'annotator:articleTitle': title, creator: { type: 'Person', name: creator },
  }] : []));
  return JSON.stringify({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', label: title, total: items.length, first: { type: 'AnnotationPage', items } }, null, 2);
}

const NAMES = { official: 'Official position', criticism: 'Criticism', speculation: 'Speculation' };
function csvTable(title, sts, tags) {
  const q = (s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = ['article,start,end,quote,tag,note,created,id'];
  tags.forEach((tag, n) => { if (tag) lines.push([q(title), sts[n].start, sts[n].end, q(sts[n].text), NAMES[tag], '', '2026-11-30T11:00:00.000Z', `fay-${n}`].join(',')); });
  return lines.join('\r\n') + '\r\n';
}

const KEY_TAGS = ['official', 'criticism', 'speculation', 'official'];

before(async () => {
  seeds = await readSeeds();
  const [a] = seeds;
  // The first article gets an answer key, as a teacher's pack would give it.
  const manifest = JSON.parse(await fs.readFile(path.join(ROOT, 'seeds', 'manifest.json'), 'utf8'));
  manifest.articles[0].key = `${a.id}.key.json`;
  // The key itself is made from the statements the student's page shows (below).
  extra['/articles/manifest.json'] = { type: 'application/json', body: JSON.stringify(manifest) };
  [server, browser] = await Promise.all([serve(undefined, extra), launch()]);
});
after(async () => { await browser?.close(); await server?.close(); });

async function fresh(width = 1366, height = 900) {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  const { page, problems } = await watchedPage(context);
  return { context, page, problems };
}

/** Click an element with the mouse: the middle of its first line box (a statement spanning
 *  lines shares its bounding box with its neighbours). */
async function mouseClick(page, locator) {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.evaluate((e) => { const r = e.getClientRects()[0]; return { x: r.x, y: r.y, width: r.width, height: r.height }; });
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.up();
}

async function download(page, button) {
  const [dl] = await Promise.all([page.waitForEvent('download'), mouseClick(page, button)]);
  const file = await dl.path();
  return { name: dl.suggestedFilename(), path: file, text: await fs.readFile(file, 'utf8') };
}

test('collecting 5 links and 3 files, the bars, the contested list, export, pack, reload and removal', async () => {
  const [a, b] = seeds;
  // ---- A student (Ana) tags the first three statements with the mouse and keys, then sends.
  const student = await fresh();
  await student.page.goto(server.base + '/');
  await mouseClick(student.page, student.page.locator('.article-item', { hasText: a.title }));
  const stmts = student.page.locator('.article-body .stmt');
  await stmts.first().waitFor();
  const texts = await stmts.evaluateAll((els) => els.slice(0, 6).map((e) => e.textContent.trim()));
  for (const [n, key] of [[0, '1'], [1, '2'], [2, '3']]) {
    const s = await stmts.nth(n).getAttribute('data-s');
    await mouseClick(student.page, stmts.nth(n));
    await student.page.keyboard.press(key);
    await student.page.locator(`.stmt.tag[data-s="${s}"]`).waitFor();
  }
  await student.page.getByRole('tab', { name: 'Share' }).click();
  await student.page.getByLabel('Your name', { exact: false }).fill('Ana');
  await student.page.getByRole('button', { name: 'Create share link' }).click();
  const anaLink = await student.page.locator('.share-link').inputValue();
  const anaFile = await download(student.page, student.page.getByRole('button', { name: 'Export this article as Web Annotation JSON' }));
  assert.match(anaFile.text, /"creator": \{\s*"type": "Person",\s*"name": "Ana"/);
  assert.deepEqual(student.problems, []);
  await student.context.close();

  // ---- The class's other work, in the app's formats.
  const sa = statements(a, texts);
  const now = Date.parse('2026-12-01T09:00:00Z');
  const [bText] = [seeds[1].text.replace(/\r\n?/g, '\n').split('\n').find((l) => l.length > 100).split('. ')[0] + '.'];
  const sb = statements(b, [bText]);
  const link = (article, name, r) => `${server.base}/#share=${shareValue(article, name, r)}`;
  const keyJson = webAnnotation(a.id, a.title, sa, KEY_TAGS, 'Teacher');
  const links = [
    'Hi, here is my work for Monday:',
    anaLink,
    link(a.id, 'Ben', rows(sa, ['official', 'official', 'speculation', 'official'], now)),
    `Cleo: ${link(a.id, 'Cleo', rows(sa, ['official', 'speculation', 'speculation', 'criticism'], now))} thanks!`,
    link(a.id, 'Dev', rows(sa, ['official', null, null, null], now)),
    link(b.id, 'Ben', rows(sb, ['criticism'], now)),
    link(a.id, 'Gus', rows(sa, ['official'], now)).slice(0, -12),      // cut off in copying
    link('article-from-last-year', 'Hal', rows(sa, ['official'], now)), // not in the collection
  ].join('\n');
  const files = [
    { name: path.basename(anaFile.name), mimeType: 'application/ld+json', buffer: Buffer.from(anaFile.text) },
    { name: 'eli.annotations.json', mimeType: 'application/ld+json', buffer: Buffer.from(webAnnotation(a.id, a.title, sa, ['official', 'criticism', 'criticism', 'official'], 'Eli')) },
    { name: 'annotations.csv', mimeType: 'text/csv', buffer: Buffer.from(csvTable(a.title, sa, ['official', 'criticism', 'speculation', 'speculation'])) },
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('My notes for the lesson') },
  ];

  // ---- The teacher.
  const teacher = await fresh();
  const { page } = teacher;
  extra[`/articles/${a.id}.key.json`] = { type: 'application/ld+json', body: keyJson };
  await page.goto(server.base + '/');
  await page.locator('.article-item').first().waitFor();
  await mouseClick(page, page.getByRole('button', { name: 'Class view' }));
  await page.getByText('No work collected yet').waitFor();

  await mouseClick(page, page.getByLabel('Share links, one per line'));
  await page.keyboard.insertText(links);
  await mouseClick(page, page.getByRole('button', { name: 'Collect links' }));
  const info = page.locator('.class-info');
  const problem = page.locator('.class-problem');
  await info.filter({ hasText: 'Collected: 5 new.' }).waitFor();
  const bad = await problem.innerText();
  assert.match(bad, /^2 items could not be used \(nothing collected before was changed\)/);
  assert.match(bad, /the link on line 7 \(the shared link is damaged/);
  assert.match(bad, /Hal's work in the link on line 8 is for an article not in the collection \(“article-from-last-year”\)/);

  await page.locator('.class-collect input[type=file]').setInputFiles(files);
  // One question for the file without a name.
  const names = page.locator('form.names');
  await names.waitFor();
  assert.match(await names.innerText(), /1 of these carry no student's name/);
  await mouseClick(page, names.getByLabel('annotations.csv'));
  await page.keyboard.type('Fay');
  await mouseClick(page, names.getByRole('button', { name: 'Collect with these names' }));
  await info.filter({ hasText: 'Collected: 2 new, 1 already collected (ignored).' }).waitFor();
  assert.match(await problem.innerText(), /^1 item could not be used .*“notes\.txt” \(this is not a CSV export of this app/);

  // ---- What the teacher sees for the first article.
  const tabs = page.locator('.class-tab');
  assert.equal(await tabs.count(), 2);
  assert.match(await tabs.first().innerText(), /6 students · κ -?\d\.\d\d/);
  await page.locator('.class-article').waitFor();
  assert.match(await page.locator('.class-figures').innerText(), /6 students \(1 tagged little and are left out of the bars and κ\)\. Fleiss’ κ = 0\.\d\d — \w[\w ]* agreement across the class/);
  const first = page.locator('.class-st').first();
  assert.equal(await first.locator('.dist').getAttribute('aria-label'), 'Official position 5');
  assert.equal(await first.locator('.key-tag').innerText(), 'Key: Official position');
  // Statement 2: Ana criticism, Ben official, Cleo speculation, Eli criticism, Fay criticism.
  const second = page.locator('.class-st').nth(1);
  assert.equal(await second.locator('.dist-words').innerText(), 'Official position 1, Criticism 3, Speculation 1');
  assert.deepEqual(await second.locator('.seg').allInnerTexts(), ['O1', 'C3', 'S1'], 'letters, not only colours');
  const students = await page.locator('.class-students tbody tr').allInnerTexts();
  assert.equal(students.length, 6);
  assert.match(students.find((r) => r.startsWith('Dev')), /1 — tagged little, not counted\s+—\s+—/);
  assert.match(students.find((r) => r.startsWith('Ana')), /^Ana\s+3\s+0\.\d\d\s+-?\d\.\d\d$/);

  // The most contested statements jump to their place in the text.
  const contested = page.locator('.contested-jump');
  assert.ok(await contested.count() >= 2);
  const target = (await contested.nth(1).innerText()).match(/^(\d+)\./)[1];
  await mouseClick(page, contested.nth(1));
  const jumped = page.locator('.class-st.jumped');
  await jumped.waitFor();
  assert.equal((await jumped.locator('.st-no').innerText()).replace('.', ''), target);
  await page.waitForFunction(() => {
    const r = document.querySelector('.class-st.jumped').getBoundingClientRect();
    return r.top >= 0 && r.bottom <= innerHeight;
  });
  await fs.mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, 'class-view-1366.png') });

  // ---- Export: the student × statement table.
  const table = await download(page, page.getByRole('button', { name: 'Export table (CSV)' }));
  const csv = table.text.split('\r\n');
  assert.match(table.name, /^class-.*\.csv$/);
  assert.match(csv[0], /^student,tagged,kappa vs key,kappa vs class,"?1\. /);
  assert.deepEqual(csv.slice(1, 7).map((r) => r.split(',')[0]), ['Ana', 'Ben', 'Cleo', 'Dev', 'Eli', 'Fay']);
  assert.match(csv[7], /^Answer key,,,,Official position,Criticism,Speculation,Official position/);

  // ---- Projector view: large type.
  await mouseClick(page, page.getByRole('button', { name: 'Projector view' }));
  const big = await page.locator('.class-st .st-text').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  assert.ok(big >= 22, `projector type is large (${big}px)`);
  await page.screenshot({ path: path.join(SHOTS, 'class-view-projector-1366.png') });
  await mouseClick(page, page.getByRole('button', { name: 'Normal view' }));

  // ---- Publish: a class pack with the site's key for the first article and none for the rest.
  await mouseClick(page, page.getByText('Publish a class pack'));
  const pack = await download(page, page.getByRole('button', { name: /Download class pack \(3 articles\)/ }));
  assert.equal(pack.name, 'articles.zip');
  const listing = execFileSync('python3', ['-c', 'import sys,zipfile;z=zipfile.ZipFile(sys.argv[1]);print("\\n".join(sorted(z.namelist())));print(z.read("articles/manifest.json").decode())', pack.path], { encoding: 'utf8' });
  assert.match(listing, new RegExp(`articles/${a.id}\\.key\\.json\\narticles/${a.id}\\.txt\\narticles/${b.id}\\.txt`));
  assert.match(listing, new RegExp(`"key": "${a.id}\\.key\\.json"`));

  // ---- The teacher's own annotations are untouched; the work survives a reload.
  const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('annotator/')).sort());
  assert.deepEqual(keys.filter((k) => k.includes('/annotations/')), [], 'nothing merged into the teacher\'s annotations');
  assert.ok(keys.includes('annotator/v1/class'));
  await page.reload();
  await mouseClick(page, page.getByRole('button', { name: 'Class view' }));
  await page.locator('.class-tab').nth(1).waitFor();
  assert.match(await page.locator('.class-count').innerText(), /^6 students · 2 articles$/);

  // ---- Newer work replaces older; removal is one click (and a confirmation).
  await mouseClick(page, page.getByLabel('Share links, one per line'));
  await page.keyboard.insertText(link(a.id, 'Dev', rows(sa, ['official', 'criticism', 'speculation', 'official'], now + 60_000)));
  await mouseClick(page, page.getByRole('button', { name: 'Collect links' }));
  await info.filter({ hasText: 'Collected: 0 new, 1 replacing older work.' }).waitFor();
  assert.doesNotMatch(await page.locator('.class-figures').innerText(), /tagged little/);
  page.once('dialog', (d) => d.accept());
  await mouseClick(page, page.getByRole('button', { name: "Remove class's work" }));
  await page.getByText('No work collected yet').waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('annotator/v1/class')), null);
  assert.deepEqual(teacher.problems, []);
  await teacher.context.close();
});

test('on a phone: the class view fits 390 × 844', async () => {
  const [a] = seeds;
  const sa = statements(a, [a.text.replace(/\r\n?/g, '\n').split('\n').find((l) => l.length > 100).split('. ')[0] + '.']);
  const { context, page, problems } = await fresh(390, 844);
  extra[`/articles/${a.id}.key.json`] = { type: 'application/ld+json', body: webAnnotation(a.id, a.title, sa, ['official'], 'Teacher') };
  await page.goto(server.base + '/');
  await page.locator('.article-item').first().waitFor();
  await mouseClick(page, page.getByRole('button', { name: 'Class view' }));
  await mouseClick(page, page.getByLabel('Share links, one per line'));
  const now = Date.parse('2026-12-01T09:00:00Z');
  const tags = [['official'], ['criticism'], ['official'], ['speculation'], ['official']];
  await page.keyboard.insertText(tags.map((t, i) => `${server.base}/#share=${shareValue(a.id, `Student ${i + 1}`, rows(sa, t, now))}`).join('\n'));
  await mouseClick(page, page.getByRole('button', { name: 'Collect links' }));
  await page.locator('.class-st').first().waitFor({ timeout: 5000 }).catch(async (e) => { console.log(await page.locator('.class-view').innerText()); throw e; });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  assert.ok(overflow <= 0, `no sideways scrolling (${overflow}px too wide)`);
  await page.screenshot({ path: path.join(SHOTS, 'class-view-390.png') });
  await page.screenshot({ path: path.join(SHOTS, 'class-view-390-full.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});
