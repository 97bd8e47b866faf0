// End-to-end: highlights and the annotation workflow in real Chromium, with real local storage.
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

/** A fresh context with `seed` open and analysed. */
async function openArticle(seed, context) {
  context ??= await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const { page, problems } = await watchedPage(context);
  await page.goto(server.base + '/');
  await page.locator('.article-item', { hasText: seed.title }).click();
  await page.locator('.article-body .stmt').first().waitFor();
  await page.locator('.drawing').waitFor({ state: 'detached' }); // the analysis drawn in
  return { context, page, problems };
}

const current = (page) => page.locator('.stmt.current');
const stored = (page, id) => page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? 'null'), KEY(id));

test('entities are highlighted by kind with their canonical names; suggestions show their cues', async () => {
  // Names any reader would expect each seed to highlight (kind, canonical).
  const expected = {
    '000_0cbb82931a6194e5': [['organization', 'Cyberspace Administration of China'], ['organization', 'Micron Technology'], ['place', 'China']],
    '001_f568121c8c4498b2': [['organization', 'U.S. Department of Commerce'], ['organization', 'Microsoft'], ['place', 'United States']],
    '002_abd1645351af5153': [['organization', 'Huawei'], ['place', 'China'], ['group', 'Chinese']],
  };
  for (const seed of seeds) {
    const { context, page, problems } = await openArticle(seed);
    for (const [kind, canonical] of expected[seed.id]) {
      const marks = page.locator(`.article-body mark.ent-${kind}[data-canonical="${canonical}"]`);
      assert.ok(await marks.count() > 0, `${seed.id}: ${kind} ${canonical} highlighted`);
      assert.match(await marks.first().getAttribute('title'), new RegExp(canonical.replace(/\./g, '\\.')));
    }
    if (seed.id === '000_0cbb82931a6194e5') {
      // The acronym is linked to its long form.
      const cac = page.locator('.article-body mark.ent', { hasText: /^CAC$/ }).first();
      assert.equal(await cac.getAttribute('data-canonical'), 'Cyberspace Administration of China');
    }
    const suggested = page.locator('.article-body .stmt.sugg');
    assert.ok(await suggested.count() > 0, `${seed.id}: suggestions shown`);
    assert.ok(await page.locator('.article-body .stmt.sugg .cue').count() > 0, `${seed.id}: cue words marked`);
    // A suggestion says why when the reason is one a reader recognises: its cue words, or (a
    // quotation carrying on the statement before it) the reason in words.
    for (let i = 0; i < await suggested.count(); i++) {
      await clickStatement(page, suggested.nth(i));
      const why = await page.locator('.tag-bar .suggestion').innerText();
      assert.match(why, /^Suggested: (Official position|Criticism|Speculation) · \d+%( · (because of \S.*|continues the previous sentence’s (official position|criticism|speculation)))?/, `${seed.id}: suggestion ${i}`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('tag by key and by button, accept and reject suggestions, clear, undo and redo', async () => {
  const seed = seeds[0];
  const { context, page, problems } = await openArticle(seed);
  assert.equal(await current(page).getAttribute('data-s'), '0');
  await page.keyboard.press('j');
  assert.equal(await current(page).getAttribute('data-s'), '1');
  await page.keyboard.press('2');
  await page.locator('.stmt.tag-criticism[data-s="1"]').waitFor();
  assert.equal(await page.locator('.stmt[data-s="1"]').getAttribute('data-label'), 'Criticism');
  await page.keyboard.press('ArrowDown');
  assert.equal(await current(page).getAttribute('data-s'), '2');
  await page.keyboard.press('k');
  assert.equal(await current(page).getAttribute('data-s'), '1');

  // By click and button.
  await clickStatement(page, page.locator('.stmt[data-s="3"]'));
  await page.getByRole('button', { name: 'Official position', exact: true }).click();
  await page.locator('.stmt.tag-official[data-s="3"]').waitFor();
  await page.getByRole('button', { name: 'Speculation', exact: true }).click();
  await page.locator('.stmt.tag-speculation[data-s="3"]').waitFor();
  await page.getByRole('button', { name: 'Clear tag', exact: true }).click();
  await page.waitForFunction(() => !document.querySelector('.stmt[data-s="3"]').classList.contains('tag'));

  // Accept a suggestion with Enter; reject another with the button.
  const sugg = page.locator('.article-body .stmt.sugg');
  const first = await sugg.first().getAttribute('data-s');
  const wanted = (await sugg.first().getAttribute('class')).match(/sugg-(\w+)/)[1];
  await clickStatement(page, sugg.first());
  await page.keyboard.press('Enter');
  await page.locator(`.stmt.tag-${wanted}.accepted[data-s="${first}"]`).waitFor();
  const second = await page.locator('.article-body .stmt.sugg').first().getAttribute('data-s');
  await clickStatement(page, page.locator(`.stmt[data-s="${second}"]`));
  await page.getByRole('button', { name: 'Reject suggestion', exact: true }).click();
  await page.waitForFunction((s) => !document.querySelector(`.stmt[data-s="${s}"]`).classList.contains('sugg'), second);

  // The panel groups and counts.
  const panel = page.locator('aside.panel');
  await panel.locator('.group.criticism .count', { hasText: '1' }).waitFor();

  // Undo the rejection and the acceptance; redo the acceptance.
  await page.keyboard.press('Control+z');
  await page.locator(`.stmt.sugg[data-s="${second}"]`).waitFor();
  await page.keyboard.press('Control+z');
  await page.waitForFunction((s) => !document.querySelector(`.stmt[data-s="${s}"]`).classList.contains('tag'), first);
  await page.keyboard.press('Control+Shift+z');
  await page.locator(`.stmt.tag-${wanted}[data-s="${first}"]`).waitFor();
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await page.waitForFunction((s) => !document.querySelector(`.stmt[data-s="${s}"]`).classList.contains('tag'), first);
  await page.getByRole('button', { name: 'Redo', exact: true }).click();
  await page.locator(`.stmt.tag-${wanted}[data-s="${first}"]`).waitFor();

  // Saved with both selectors, and still there after a reload.
  await page.waitForFunction((k) => (JSON.parse(localStorage.getItem(k))?.annotations ?? []).filter((a) => !a.deleted).length === 2, KEY(seed.id));
  const record = await stored(page, seed.id);
  assert.equal(record.version, 2);
  const crit = record.annotations.find((a) => a.tag === 'criticism' && !a.deleted);
  assert.ok(crit.quote.exact.length > 10 && crit.quote.prefix.length > 0 && crit.quote.suffix.length > 0);
  assert.ok(crit.position.end > crit.position.start);
  await screenshot(page, 'annotate-tagged');
  await page.reload();
  await page.locator('.stmt.tag-criticism[data-s="1"]').waitFor();
  await page.locator(`.stmt.tag-${wanted}[data-s="${first}"]`).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

/** Select the text `fragment` inside statement `s` as a mouse would, and release the button. */
async function selectText(page, fragment) {
  await page.evaluate((fragment) => {
    const body = document.querySelector('.article-body');
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      const i = node.data.indexOf(fragment);
      if (i >= 0) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + fragment.length);
        const sel = getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
        node.parentElement.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
        return;
      }
    }
    throw new Error(`text not found: ${fragment}`);
  }, fragment);
}

test('tag a span of text, add a note, edit and delete it', async () => {
  const seed = seeds[1];
  const { context, page, problems } = await openArticle(seed);
  await selectText(page, 'cloud computing services');
  await page.locator('.tag-bar .target', { hasText: 'Selected text: “cloud computing services”' }).waitFor();
  await page.keyboard.press('3');
  const span = page.locator('.article-body .span-speculation');
  await span.first().waitFor();
  assert.equal((await span.allInnerTexts()).join(''), 'cloud computing services');

  // A note on the span, through the panel.
  const item = page.locator('aside.panel .ann', { hasText: 'cloud computing services' });
  await item.getByRole('button', { name: 'Add note' }).click();
  const box = page.locator('.note-editor textarea');
  await box.fill('Hedged: "would require". <img src=x onerror="window.__pwned=1">');
  await page.keyboard.press('Control+Enter');
  await item.locator('.ann-note').waitFor();
  assert.equal(await item.locator('.ann-note').innerText(), 'Hedged: "would require". <img src=x onerror="window.__pwned=1">');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);

  // A note on a statement with `n`.
  await clickStatement(page, page.locator('.stmt[data-s="2"]'));
  await page.keyboard.press('n');
  await page.locator('.note-editor textarea').fill('Who are the sources?');
  await page.getByRole('button', { name: 'Save note' }).click();
  await page.locator('aside.panel .ann-note', { hasText: 'Who are the sources?' }).waitFor();
  await page.locator('.stmt.has-note[data-s="2"]').waitFor();

  // Edit, then delete.
  await item.getByRole('button', { name: 'Edit note' }).click();
  await page.locator('.note-editor textarea').fill('Edited note');
  await page.keyboard.press('Control+Enter');
  await item.locator('.ann-note', { hasText: 'Edited note' }).waitFor();
  await item.getByRole('button', { name: /Delete annotation/ }).click();
  await page.waitForFunction(() => !document.querySelector('.article-body .span-speculation'));
  await screenshot(page, 'annotate-notes');
  assert.deepEqual(problems, []);
  await context.close();
});

test('two pages of one browser see each other\'s changes and lose nothing', async () => {
  const seed = seeds[0];
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const a = await openArticle(seed, context);
  const b = await openArticle(seed, context);
  await clickStatement(a.page, a.page.locator('.stmt[data-s="1"]'));
  await a.page.keyboard.press('1');
  await b.page.locator('.stmt.tag-official[data-s="1"]').waitFor();
  await clickStatement(b.page, b.page.locator('.stmt[data-s="2"]'));
  await b.page.keyboard.press('2');
  await a.page.locator('.stmt.tag-criticism[data-s="2"]').waitFor();
  // Both tag at once, round after round: the browser keeps one of two simultaneous writes of
  // the record and tells only the other page, which must write its work again. No tag is lost.
  const expected = [[1, 'official'], [2, 'criticism']];
  for (let s = 3; s < 11; s += 2) {
    await Promise.all([
      (async () => { await clickStatement(a.page, a.page.locator(`.stmt[data-s="${s}"]`)); await a.page.keyboard.press('3'); })(),
      (async () => { await clickStatement(b.page, b.page.locator(`.stmt[data-s="${s + 1}"]`)); await b.page.keyboard.press('1'); })(),
    ]);
    expected.push([s, 'speculation'], [s + 1, 'official']);
    for (const p of [a.page, b.page]) {
      await p.locator(`.stmt.tag-speculation[data-s="${s}"]`).waitFor();
      await p.locator(`.stmt.tag-official[data-s="${s + 1}"]`).waitFor();
    }
  }
  await a.page.reload();
  for (const [s, tag] of expected) {
    await a.page.locator(`.stmt.tag-${tag}[data-s="${s}"]`).waitFor();
  }
  assert.deepEqual([...a.problems, ...b.problems], []);
  await context.close();
});

test('corrupt stored data: the app starts, says so, keeps a backup and offers it for download', async () => {
  const seed = seeds[0];
  const context = await browser.newContext({ acceptDownloads: true });
  await context.addInitScript(([k]) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem(k, '{"version":2,"article":"x", truncated');
      sessionStorage.setItem('seeded', '1');
    }
  }, [KEY(seed.id)]);
  const { page, problems } = await openArticle(seed, context);
  const notice = page.locator('.notice');
  await notice.waitFor();
  assert.match(await notice.innerText(), /could not be read/);
  const [dl] = await Promise.all([page.waitForEvent('download'), notice.getByRole('button', { name: 'Download the data set aside' }).click()]);
  assert.equal(await fs.readFile(await dl.path(), 'utf8'), '{"version":2,"article":"x", truncated');
  const backup = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('annotator/backup/')));
  assert.equal(backup.length, 1);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), backup[0]), '{"version":2,"article":"x", truncated');
  // Work goes on and is saved.
  await page.keyboard.press('1');
  await page.locator('.stmt.tag-official[data-s="0"]').waitFor();
  await page.waitForFunction((k) => JSON.parse(localStorage.getItem(k) ?? 'null')?.annotations?.length === 1, KEY(seed.id));
  await screenshot(page, 'annotate-recovered');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a v1 record from an older version is migrated and shown', async () => {
  const seed = seeds[0];
  const context = await browser.newContext();
  // Version 1 kept positions only: the first 40 characters of the article, tagged criticism.
  await context.addInitScript(([id]) => {
    localStorage.setItem(`annotator/v1/annotations/${id}`, JSON.stringify({ version: 1, tags: [{ start: 0, end: 40, label: 'criticism', note: 'old note' }] }));
  }, [seed.id]);
  const { page, problems } = await openArticle(seed, context);
  await page.locator('.article-body .span-criticism').first().waitFor();
  assert.match(await page.locator('.notice').innerText(), /older version/);
  await page.locator('aside.panel .ann-note', { hasText: 'old note' }).waitFor();
  const record = await stored(page, seed.id);
  assert.equal(record.version, 2);
  assert.equal(record.annotations[0].quote.exact, seed.text.slice(0, 40));
  assert.deepEqual(problems, []);
  await context.close();
});

test('a full storage gets a clear message and nothing saved is overwritten', async () => {
  const seed = seeds[1];
  const { context, page, problems } = await openArticle(seed);
  await page.keyboard.press('1');
  await page.waitForFunction((k) => localStorage.getItem(k) !== null, KEY(seed.id));
  const before = await page.evaluate((k) => localStorage.getItem(k), KEY(seed.id));
  // Fill the origin's quota.
  await page.evaluate(() => {
    let chunk = 'x'.repeat(1 << 20);
    for (let i = 0; chunk.length > 16; i++) {
      try { localStorage.setItem(`filler-${i}`, chunk); } catch { chunk = chunk.slice(0, chunk.length / 2); }
    }
  });
  await page.keyboard.press('j');
  await page.keyboard.press('2');
  await page.locator('.notice', { hasText: /not saved.*full/ }).waitFor();
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY(seed.id)), before);
  assert.deepEqual(problems, []);
  await context.close();
});

test('hostile article text renders as text and runs nothing', async () => {
  const context = await browser.newContext();
  const { page, problems } = await watchedPage(context);
  const hostile = 'Officials said <script>window.__pwned = 1</script> the plan could fail.\n\n' +
    'Critics warned <img src=x onerror="window.__pwned = 2"> it <b>would</b> hurt Acme Corp.';
  await page.route('**/articles/manifest.json', (r) => r.fulfill({
    contentType: 'application/json',
    body: JSON.stringify({ version: 1, articles: [{ id: 'evil', file: 'evil.txt', title: '<img src=x onerror="window.__pwned=3">', source: 'x', words: 20 }] }),
  }));
  await page.route('**/articles/evil.txt', (r) => r.fulfill({ contentType: 'text/plain', body: hostile }));
  await page.goto(server.base + '/');
  await page.locator('.article-item').click();
  await page.locator('.article-body .stmt').first().waitFor();
  await page.locator('.drawing').waitFor({ state: 'detached' }); // the analysis drawn in
  const body = await page.locator('.article-body').innerText();
  assert.ok(body.includes('<script>window.__pwned = 1</script>'));
  assert.ok(body.includes('<img src=x onerror="window.__pwned = 2">'));
  assert.equal(await page.locator('.article-body script, .article-body img, .article-body b, .article-item img').count(), 0);
  await page.keyboard.press('2');
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(problems, []);
  await context.close();
});

test('text size is adjustable and remembered; print shows the article with its tags only', async () => {
  const seed = seeds[0];
  const { context, page, problems } = await openArticle(seed);
  const size = () => page.locator('.article-body').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  const before = await size();
  await page.getByRole('button', { name: 'Larger text' }).click();
  await page.getByRole('button', { name: 'Larger text' }).click();
  const larger = await size();
  assert.ok(larger > before * 1.25, `text grew (${before} → ${larger})`);
  await page.reload();
  await page.locator('.article-body .stmt').first().waitFor();
  await page.locator('.drawing').waitFor({ state: 'detached' }); // the analysis drawn in
  assert.equal(await size(), larger, 'size kept after reload');
  await page.getByRole('button', { name: 'Smaller text' }).click();
  await page.getByRole('button', { name: 'Smaller text' }).click();
  assert.equal(await size(), before);

  await page.keyboard.press('2');
  await page.emulateMedia({ media: 'print' });
  for (const hidden of ['.topbar', '.article-list', '.tag-bar']) {
    assert.equal(await page.locator(hidden).isVisible(), false, `${hidden} not printed`);
  }
  assert.equal(await page.locator('.stmt.tag-criticism').isVisible(), true);
  await screenshot(page, 'print-worksheet');
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(problems, []);
  await context.close();
});

test('who says what: statements grouped by speaker, with tags, jumping to the text', async () => {
  const seed = seeds[0];
  const { context, page, problems } = await openArticle(seed);
  await page.getByRole('tab', { name: 'Who says what' }).click();
  const speaker = (name) => page.locator('.speaker', { has: page.locator('h3', { hasText: name }) });
  for (const name of ['Cyberspace Administration of China', 'U.S. Department of Commerce', 'Micron Technology']) {
    await speaker(name).waitFor();
  }
  const commerce = speaker('U.S. Department of Commerce');
  assert.match(await commerce.locator('li').first().innerText(), /Criticism\?[\s\S]*A spokesperson from the U\.S\. Department of Commerce criticized/i);
  await commerce.locator('.ann-quote').first().click();
  assert.match(await page.locator('.stmt.current').innerText(), /Department of Commerce criticized/);
  // The reader's own tag replaces the suggestion in the view.
  await page.keyboard.press('1');
  await commerce.locator('.said-tag.said-official:not(.suggested)').waitFor();
  assert.ok(await page.locator('.silent .silent-list').innerText() !== '', 'entities that never speak are listed');
  await screenshot(page, 'who-says-what', { fullPage: false });
  assert.deepEqual(problems, []);
  await context.close();
});

test('who says what across all articles: one speaker, statements from several articles, opening each', async () => {
  const { context, page, problems } = await openArticle(seeds[0]);
  await page.getByRole('tab', { name: 'Who says what' }).click();
  await page.getByRole('button', { name: 'All articles' }).click();
  const us = page.locator('.speaker', { has: page.locator('h3', { hasText: /^United States/ }) });
  await us.waitFor();
  const titles = new Set(await us.locator('.said-in').allInnerTexts());
  assert.ok(titles.size >= 2, `statements from several articles: ${[...titles]}`);
  const fromLast = us.locator('li', { has: page.locator('.said-in', { hasText: seeds[2].title.slice(0, 30) }) }).first();
  const quote = (await fromLast.locator('.ann-quote').innerText()).replace(/…$/, '').slice(0, 40);
  await fromLast.locator('.ann-quote').click();
  await page.locator('h1.article-title', { hasText: seeds[2].title }).waitFor();
  await page.waitForFunction((q) => document.querySelector('.stmt.current')?.textContent.includes(q), quote);
  assert.deepEqual(problems, []);
  await context.close();
});
