// End-to-end: reading and tagging as a person does it (issue #18), at a school laptop's and a
// phone's size, driving a real mouse: page.mouse.move/down/move/up (the browser then sends its
// own click), page.mouse.dblclick. No synthesized events, no element.click() for selections.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { serve, launch, watchedPage, readSeeds, ROOT } from './harness.mjs';

const VIEWPORTS = [
  { name: 'desktop', viewport: { width: 1366, height: 900 } },
  { name: 'phone', viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 },
];
const SHOTS = path.join(ROOT, 'tests', 'e2e', 'screenshots');
const KEY = (id) => `annotator/v2/annotations/${id}`;
// Hashed file names as the seeds are saved ("000_0cbb82931a6194e5.txt").
const FILE_NAME = /\d{3}_[0-9a-f]{16}/;

let server, browser, seeds, speculationCues;
before(async () => {
  [server, browser, seeds] = await Promise.all([serve(), launch(), readSeeds()]);
  // The speculation cue list, read from the core's source: never the reason for another label.
  const cues = await fs.readFile(path.join(ROOT, 'core', 'src', 'cues.rs'), 'utf8');
  const table = cues.slice(cues.indexOf('pub const SPECULATION'), cues.indexOf('];', cues.indexOf('pub const SPECULATION')));
  speculationCues = new Set([...table.matchAll(/\("([^"]+)"/g)].map((m) => m[1].toLowerCase()));
  assert.ok(speculationCues.has('could'));
});
after(async () => { await browser?.close(); await server?.close(); });

/** A fresh browser profile at `vp`'s size; console warnings are collected too. */
async function start(vp) {
  const context = await browser.newContext({ viewport: vp.viewport, deviceScaleFactor: vp.deviceScaleFactor ?? 1, acceptDownloads: true });
  const { page, problems } = await watchedPage(context);
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  // What the reader had selected when the button came up, read before the app handles it.
  await page.addInitScript(() => {
    window.addEventListener('mouseup', () => { window.__selection = String(getSelection()); }, true);
  });
  return { context, page, problems, warnings };
}

async function shot(page, name, fullPage = false) {
  await fs.mkdir(SHOTS, { recursive: true });
  await page.evaluate(() => document.documentElement.classList.add('draw-all'));
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
  await page.evaluate(() => document.documentElement.classList.remove('draw-all'));
}

/** Open `seed` from the list with the mouse. */
async function open(page, seed) {
  if (!page.url().startsWith(server.base)) await page.goto(server.base + '/');
  const item = page.locator('.article-item', { has: page.locator('.item-title', { hasText: seed.title.slice(0, 40) }) });
  await item.click();
  await page.locator('.article-body .stmt').first().waitFor();
  await page.locator('.drawing').waitFor({ state: 'detached' }); // the analysis drawn in
  await page.waitForFunction(() => !document.querySelector('.drawing'));
}

/** Scroll statement `s` to the middle of the text area (above a phone's bottom toolbar). */
async function middle(page, s) {
  await page.evaluate((s) => {
    const el = document.querySelector(`.stmt[data-s="${s}"]`);
    const bar = document.querySelector('.tag-bar').getBoundingClientRect();
    const phone = bar.bottom >= innerHeight - 1 && bar.top > innerHeight / 2;
    const mid = phone ? bar.top / 2 : (Math.max(bar.bottom, 0) + innerHeight) / 2;
    window.scrollBy(0, el.getBoundingClientRect().top - mid);
  }, s);
}

/** Viewport points of the code-unit offsets [from, to) of statement `s`'s text: the start of
 *  the first character and the end of the last, a quarter into each glyph. */
async function points(page, s, from, to) {
  return page.evaluate(([s, from, to]) => {
    const el = document.querySelector(`.stmt[data-s="${s}"]`);
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const at = (offset) => {
      let n; let seen = 0;
      while ((n = walker.nextNode())) {
        if (offset < seen + n.length) return [n, offset - seen];
        seen += n.length;
      }
      throw new Error(`offset ${offset} outside statement ${s}`);
    };
    const box = (offset) => {
      walker.currentNode = el;
      const [node, o] = at(offset);
      const r = document.createRange();
      r.setStart(node, o); r.setEnd(node, o + 1);
      return r.getClientRects()[0] ?? r.getBoundingClientRect();
    };
    const a = box(from); const b = box(to - 1);
    return { from: { x: a.left + a.width / 4, y: a.top + a.height / 2 }, to: { x: b.right - b.width / 4, y: b.top + b.height / 2 } };
  }, [s, from, to]);
}

/** A real mouse drag: move, press, move in steps, release (the browser sends the click). */
async function drag(page, from, to) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
}

/** Click the middle of `locator` with the mouse (the page scrolled so it is on screen). */
async function mouseClick(page, locator) {
  await locator.scrollIntoViewIfNeeded();
  const b = await locator.boundingBox();
  await page.mouse.click(b.x + b.width / 2, b.y + b.height / 2);
}

const stored = (page, id) => page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? '{"annotations":[]}').annotations, KEY(id));
/** The annotation changed last, once the store holds more than `n` changes' worth. */
async function newest(page, id, since) {
  await page.waitForFunction(([k, since]) => (JSON.parse(localStorage.getItem(k) ?? '{"annotations":[]}').annotations)
    .some((a) => a.modified > since && !a.deleted), [KEY(id), since]);
  const all = await stored(page, id);
  return all.filter((a) => !a.deleted).sort((x, y) => y.modified - x.modified)[0];
}
const now = (page) => page.evaluate(() => Date.now());
const norm = (s) => s.replace(/\s+/g, ' ').trim();

/** Statement indexes (data-s) of the open article's statements. */
const statements = (page) => page.locator('.article-body .stmt').evaluateAll((els) => els.map((e) => Number(e.dataset.s)));
const textOf = (page, s) => page.locator(`.stmt[data-s="${s}"]`).evaluate((e) => e.textContent);

for (const vp of VIEWPORTS) {
  test(`${vp.name}: selecting part of one sentence with the mouse keeps the selection and tags exactly it`, async () => {
    const { context, page, problems } = await start(vp);
    await open(page, seeds[1]);
    const list = await statements(page);
    // A statement that is not the current one, words 2 to 4.
    const s = list[2];
    const text = await textOf(page, s);
    const words = [...text.matchAll(/\S+/g)];
    const from = words[1].index; const to = words[3].index + words[3][0].length;
    await middle(page, s);
    await drag(page, ...Object.values(await points(page, s, from, to)));
    const selected = await page.evaluate(() => window.__selection);
    assert.equal(norm(selected), norm(text.slice(from, to)), 'the drag selected the words');
    await page.locator('.tag-bar .target', { hasText: 'Selected text' }).waitFor();
    assert.equal(norm((await page.locator('.article-body .pending').allTextContents()).join('')), norm(selected));
    assert.equal(await page.locator('.stmt.current').count(), 0, 'the click after the drag did not take the cursor');
    // The browser's own highlight is gone; the pending mark shows the selection.
    assert.equal(await page.evaluate(() => String(getSelection())), '');
    const t = await now(page);
    await mouseClick(page, page.getByRole('button', { name: 'Criticism', exact: true }));
    const x = await newest(page, seeds[1].id, t);
    assert.equal(x.tag, 'criticism');
    assert.equal(norm(x.quote.exact), norm(selected));
    assert.equal(norm((await page.locator('.article-body .span-criticism').allTextContents()).join('')), norm(selected));
    await shot(page, `select-part-${vp.name}`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${vp.name}: double-clicking a word and tagging it saves that word`, async () => {
    const { context, page, problems } = await start(vp);
    await open(page, seeds[1]);
    for (const [word, key, label] of [['Microsoft', '1', 'official'], ['computing', '3', 'speculation']]) {
      const s = await page.locator('.article-body .stmt:not(.current)', { hasText: new RegExp(`\\b${word}\\b`) }).first().getAttribute('data-s');
      const text = await textOf(page, s);
      const at = text.search(new RegExp(`\\b${word}\\b`));
      await middle(page, s);
      const p = await points(page, s, at, at + word.length);
      await page.mouse.dblclick((p.from.x + p.to.x) / 2, p.from.y);
      assert.equal(await page.evaluate(() => window.__selection), word);
      await page.locator('.tag-bar .target', { hasText: `Selected text: “${word}”` }).waitFor();
      const t = await now(page);
      await page.keyboard.press(key);
      const x = await newest(page, seeds[1].id, t);
      assert.equal(x.quote.exact, word);
      assert.equal(x.tag, label);
      assert.equal(await page.evaluate(() => String(getSelection())), '', 'no browser highlight over the new tag');
    }
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${vp.name}: property — for random mouse selections the stored quote is the selected text`, async () => {
    const { context, page, problems } = await start(vp);
    await open(page, seeds[2]);
    const list = await statements(page);
    // A small seeded generator, so a failure can be replayed.
    let seed = vp.name === 'desktop' ? 18 : 1806;
    const rand = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    let checked = 0;
    for (let round = 0; round < 14; round++) {
      const i = rand(list.length - 2);
      const a = list[i];
      const b = list[i + rand(3)]; // the same statement or one of the next two
      const ta = await textOf(page, a); const tb = await textOf(page, b);
      const from = rand(Math.max(1, ta.length - 1));
      const to = a === b ? from + 1 + rand(ta.length - from) : 1 + rand(tb.length);
      await middle(page, a);
      const pa = await points(page, a, from, from + 1);
      const pb = await points(page, b, to - 1, to);
      const visible = (pt) => pt.y > 0 && pt.y < (vp.name === 'phone' ? 700 : 900);
      if (!visible(pa.from) || !visible(pb.to)) continue;
      await drag(page, pa.from, pb.to);
      const selected = await page.evaluate(() => window.__selection);
      if (!norm(selected)) continue;
      await page.locator('.tag-bar .target', { hasText: 'Selected text' }).waitFor();
      const t = await now(page);
      await page.keyboard.press(String(1 + rand(3)));
      const x = await newest(page, seeds[2].id, t);
      assert.equal(norm(x.quote.exact), norm(selected), `round ${round}: statements ${a}..${b}, offsets ${from}..${to}`);
      checked++;
    }
    assert.ok(checked >= 8, `enough selections checked (${checked})`);
    await shot(page, `property-${vp.name}`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${vp.name}: clicking and tagging 20 statements moves the article text 0 px`, async () => {
    const { context, page, problems } = await start(vp);
    // Measured as glyph positions, not with the Layout Instability API: that API reports a text
    // node whose content changed (a cue word's leaf merged back when its statement is tagged) as
    // "shifted" from where its old first glyph was, though no glyph moved.
    await open(page, seeds[2]);
    // Every paragraph laid out (the stylesheet's hook for full-page captures): paragraphs off
    // screen otherwise hold a placeholder height until scrolled to, which is not a shift.
    await page.evaluate(() => document.documentElement.classList.add('draw-all'));
    const list = (await statements(page)).slice(0, 20);
    await page.waitForTimeout(300);
    // The text's box and every statement's first line, in page coordinates.
    const measure = () => page.evaluate(() => {
      // Where each statement's first character is drawn (the glyph, not the element's box:
      // a tag's underline border is part of that box but moves no text).
      const r = (el) => {
        const t = document.createTreeWalker(el, NodeFilter.SHOW_TEXT).nextNode();
        const range = document.createRange(); range.setStart(t, 0); range.setEnd(t, 1);
        const b = range.getBoundingClientRect();
        return [b.left + scrollX, b.top + scrollY, b.width, b.height].map(Math.round);
      };
      const body = document.querySelector('.article-body').getBoundingClientRect();
      return { body: [body.left + scrollX, body.top + scrollY, body.width, body.height].map(Math.round),
        stmts: [...document.querySelectorAll('.article-body .stmt')].map(r) };
    });
    const before = await measure();
    for (const [n, s] of list.entries()) {
      await middle(page, s);
      const p = await points(page, s, 0, 1);
      await page.mouse.click(p.from.x + 2, p.from.y);
      await page.locator(`.stmt.current[data-s="${s}"]`).waitFor();
      if (n % 4 === 3) {
        await mouseClick(page, page.getByRole('button', { name: ['Official position', 'Criticism', 'Speculation'][n % 3], exact: true }));
      } else {
        await page.keyboard.press(String(1 + (n % 3)));
      }
      await page.locator(`.stmt.tag[data-s="${s}"]`).waitFor();
    }
    await page.waitForTimeout(300);
    const after = await measure();
    assert.deepEqual(after.body, before.body, 'the article box did not move or grow');
    const moved = before.stmts.map((b, i) => [i, b, after.stmts[i]]).filter(([, b, a]) => b.join() !== a.join());
    assert.deepEqual(moved.map(([i, b, a]) => `${i}: ${b} → ${a}`), [], 'no statement moved');
    await shot(page, `tagged-20-${vp.name}`);
    await shot(page, `tagged-20-${vp.name}-page`, true);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${vp.name}: the cursor has its own mark, unlike any tag, and readable in greyscale`, async () => {
    const { context, page, problems } = await start(vp);
    await open(page, seeds[0]);
    const [s0, s1] = await statements(page);
    for (const s of [s0, s1]) {
      await middle(page, s);
      const p = await points(page, s, 0, 1);
      await page.mouse.click(p.from.x + 2, p.from.y);
      await page.keyboard.press('1');
      await page.locator(`.stmt.tag-official[data-s="${s}"]`).waitFor();
    }
    // s1 is tagged Official and current; s0 is tagged Official only.
    const look = (s) => page.locator(`.stmt[data-s="${s}"]`).evaluate((e) => {
      const c = getComputedStyle(e);
      return { outline: c.outlineStyle, width: parseFloat(c.outlineWidth), colour: c.outlineColor, bg: c.backgroundColor, border: c.borderBottomStyle };
    });
    const cur = await look(s1); const tagged = await look(s0);
    assert.equal(tagged.outline, 'none', 'no tag draws an outline');
    assert.equal(cur.outline, 'solid');
    assert.ok(cur.width >= 2);
    assert.equal(cur.bg, tagged.bg, 'the cursor does not change the tag’s tint');
    // Greyscale: the outline is dark on the light page (luminance far from the background).
    const lum = (rgb) => { const [r, g, b] = rgb.match(/\d+/g).map(Number); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.ok(lum(bg) - lum(cur.colour) > 150, `outline ${cur.colour} against ${bg}`);
    await shot(page, `cursor-${vp.name}`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${vp.name}: titles are short, never file names; an article without a headline is not repeated`, async () => {
    const { context, page, problems } = await start(vp);
    await page.goto(server.base + '/');
    await page.locator('.article-item').first().waitFor();
    assert.doesNotMatch(await page.locator('.article-list').innerText(), FILE_NAME);
    for (const seed of seeds) {
      // A cut title ends at a word boundary.
      const shown = await page.locator('.article-item .item-title', { hasText: seed.title.slice(0, 30) }).innerText();
      if (shown.endsWith('…')) {
        const head = shown.slice(0, -1);
        const flat = norm(seed.text);
        const at = flat.indexOf(head);
        assert.ok(at >= 0 && /[\s,;:]/.test(flat[at + head.length]), `“${shown}” is cut between words`);
      }
    }
    await open(page, seeds[0]);
    assert.doesNotMatch(await page.locator('.reader').innerText(), FILE_NAME);
    // No headline: the first sentence is the text's beginning, not also a big heading.
    const h1 = await page.locator('h1.article-title').boundingBox();
    assert.ok(h1.width <= 1 && h1.height <= 1, 'no visible heading repeats the first sentence');
    const first = norm(await textOf(page, (await statements(page))[0])).slice(0, 50);
    const visible = norm(await page.locator('.article-meta').innerText() + ' ' + await page.locator('.article-body').innerText());
    assert.equal(visible.split(first).length - 1, 1, 'the first sentence shows once');
    await shot(page, `title-none-${vp.name}`);
    if (vp.name === 'phone') await page.getByRole('button', { name: '← All articles' }).click();
    await open(page, seeds[2]);
    const headline = page.locator('h1.article-title');
    assert.ok((await headline.boundingBox()).height > 20, 'a headline is the heading');
    assert.match(await headline.innerText(), /^US Government Proposes Ban/);
    await shot(page, `title-headline-${vp.name}`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${vp.name}: a first visit shows a welcome with the three labels and the keys`, async () => {
    const { context, page, problems } = await start(vp);
    await page.goto(server.base + '/');
    const welcome = page.locator('.welcome');
    await welcome.waitFor();
    assert.ok(await welcome.isVisible());
    const text = await welcome.innerText();
    for (const label of ['Official position', 'Criticism', 'Speculation', 'Keys', 'select']) assert.ok(text.includes(label), label);
    assert.ok(await page.locator('.article-item').first().isVisible(), 'the list is there to choose from');
    await shot(page, `welcome-${vp.name}`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${vp.name}: every statement mark sits above its statement; reasons are cues a person recognises`, async () => {
    const { context, page, problems } = await start(vp);
    for (const seed of seeds) {
      if (vp.name === 'phone' && seed !== seeds[0]) await page.getByRole('button', { name: '← All articles' }).click();
      await open(page, seed);
      const marks = await page.locator('.article-body .stmt[data-mark]').evaluateAll((els) => els.map((e) => {
        const b = getComputedStyle(e, '::before');
        return { position: b.position, content: b.content };
      }));
      assert.ok(marks.length > 0);
      for (const m of marks) assert.equal(m.position, 'absolute', 'badges take no room in the text');
      const sugg = page.locator('.article-body .stmt.sugg');
      for (let i = 0; i < await sugg.count(); i++) {
        const s = await sugg.nth(i).getAttribute('data-s');
        await middle(page, s);
        const p = await points(page, s, 0, 1);
        await page.mouse.click(p.from.x + 2, p.from.y);
        await page.locator(`.stmt.current[data-s="${s}"]`).waitFor();
        const bar = page.locator('.tag-bar .suggestion');
        const label = (await bar.locator('strong').innerText()).toLowerCase();
        const cues = (await bar.locator('.cue-word').allInnerTexts()).map((c) => c.toLowerCase());
        const names = (await page.locator(`.stmt[data-s="${s}"] mark.ent`).allInnerTexts()).map((c) => c.toLowerCase());
        for (const c of cues) {
          assert.ok(!names.includes(c), `${seed.id} ${s}: a name (“${c}”) is no reason`);
          if (label !== 'speculation') assert.ok(!speculationCues.has(c), `${seed.id} ${s}: speculation cue “${c}” given for ${label}`);
        }
      }
    }
    await shot(page, `badges-${vp.name}`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${vp.name}: the Highlights menu switches marks off and on, remembered; nationalities off by default`, async () => {
    const { context, page, problems } = await start(vp);
    await open(page, seeds[2]);
    const underline = (sel) => page.locator(sel).first().evaluate((e) => getComputedStyle(e).textDecorationLine);
    assert.ok(await page.locator('.article-body mark.demonym').count() > 0, 'the article names nationalities');
    assert.equal(await underline('.article-body mark.demonym'), 'none', 'nationalities are not underlined by default');
    assert.equal(await underline('.article-body mark.ent-place'), 'underline');
    await page.evaluate(() => document.documentElement.classList.add('draw-all'));
    const box = () => page.locator('.article-body').boundingBox();
    const before = await box();
    await mouseClick(page, page.locator('.highlights summary'));
    await page.locator('.highlights-menu').waitFor();
    await shot(page, `highlights-${vp.name}`);
    assert.deepEqual(await box(), before, 'the menu opens over the text');
    await mouseClick(page, page.getByLabel('Places'));
    await mouseClick(page, page.getByLabel('Nationalities', { exact: false }));
    assert.equal(await underline('.article-body mark.ent-place'), 'none');
    assert.equal(await underline('.article-body mark.demonym'), 'underline');
    await page.reload();
    await page.locator('.article-body .stmt').first().waitFor();
    await page.locator('.drawing').waitFor({ state: 'detached' }); // the analysis drawn in
    assert.equal(await underline('.article-body mark.ent-place'), 'none', 'remembered after reload');
    assert.equal(await underline('.article-body mark.demonym'), 'underline');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${vp.name}: panel — filters end with their tab and article, no stray bars, the comparison opens in view`, async () => {
    const { context, page, problems } = await start(vp);
    // An answer key for the first seed, named in the manifest as a class pack would.
    const seed = seeds[0];
    const manifest = JSON.parse(await fs.readFile(path.join(ROOT, 'seeds', 'manifest.json'), 'utf8'));
    manifest.articles.find((a) => a.id === seed.id).key = `${seed.id}.key.json`;
    await page.route('**/articles/manifest.json', (r) => r.fulfill({ contentType: 'application/json', body: JSON.stringify(manifest) }));
    // The key tags the first statement Official (the reader will say Criticism).
    let keyQuote = '';
    await page.route(`**/articles/${seed.id}.key.json`, (r) => r.fulfill({ contentType: 'application/json', body: JSON.stringify({
      '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', first: { type: 'AnnotationPage', items: [
        { type: 'Annotation', body: [{ type: 'TextualBody', purpose: 'tagging', value: 'official' }],
          target: { selector: { type: 'TextQuoteSelector', exact: keyQuote } } }] } }) }));
    await open(page, seed);
    const [s0] = await statements(page);
    keyQuote = await textOf(page, s0);
    await middle(page, s0);
    const p = await points(page, s0, 0, 1);
    await page.mouse.click(p.from.x + 2, p.from.y);
    await page.keyboard.press('2');
    await page.locator(`.stmt.tag-criticism[data-s="${s0}"]`).waitFor();
    const phone = vp.name === 'phone';
    if (phone) {
      assert.equal(await page.locator('aside.panel').isVisible(), false, 'the panel waits as a sheet');
      await mouseClick(page, page.locator('.sheet-toggle'));
      const sheet = await page.locator('aside.panel').boundingBox();
      assert.ok(sheet.y > 100 && sheet.y < 300 && sheet.height > 500, `a sheet over the text: ${JSON.stringify(sheet)}`);
    }
    await page.locator('aside.panel progress.bar').first().waitFor();
    // No bar for a count of zero.
    const bars = await page.locator('aside.panel .chart progress.bar').evaluateAll((els) => els.map((e) => ({ value: e.value,
      width: parseFloat(getComputedStyle(e, '::-webkit-progress-value').minWidth) || 0 })));
    for (const b of bars.filter((b) => b.value === 0)) assert.equal(b.width, 0);
    await shot(page, `panel-${vp.name}`);
    await mouseClick(page, page.locator('.chip', { hasText: 'Criticism' }));
    await page.locator('.article-body .stmt.dimmed').first().waitFor();
    assert.match(await page.locator('.tag-bar .filter-note').innerText(), /Only Criticism shown/);
    await mouseClick(page, page.getByRole('tab', { name: 'Who says what' }));
    await page.waitForFunction(() => !document.querySelector('.article-body .stmt.dimmed'));
    assert.equal(await page.locator('.tag-bar .filter-note').count(), 0);
    await mouseClick(page, page.getByRole('tab', { name: 'Annotations' }));
    await mouseClick(page, page.locator('.chip', { hasText: 'Criticism' }));
    await page.locator('.article-body .stmt.dimmed').first().waitFor();
    // The answer key, from the Share tab at the panel's foot: the comparison shows in view.
    await mouseClick(page, page.getByRole('tab', { name: 'Share' }));
    await mouseClick(page, page.getByRole('button', { name: 'Compare with the answer key' }));
    const cmp = page.locator('.comparison');
    await cmp.waitFor();
    await page.waitForTimeout(200);
    const r = await cmp.boundingBox();
    assert.ok(r.y >= 0 && r.y < vp.viewport.height - 60, `comparison in view (top ${r.y})`);
    await shot(page, `comparison-${vp.name}`);
    if (phone) await mouseClick(page, page.locator('.sheet-close'));
    // Another article starts unfiltered.
    if (phone) await page.getByRole('button', { name: '← All articles' }).click();
    await open(page, seeds[1]);
    assert.equal(await page.locator('.article-body .stmt.dimmed').count(), 0);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${vp.name}: print shows the article and whole quotes, no tabs or controls`, async () => {
    const { context, page, problems } = await start(vp);
    await open(page, seeds[2]);
    const s = (await statements(page))[3];
    const full = await textOf(page, s);
    await middle(page, s);
    const p = await points(page, s, 0, 1);
    await page.mouse.click(p.from.x + 2, p.from.y);
    await page.keyboard.press('3');
    await page.emulateMedia({ media: 'print' });
    for (const hidden of ['.tabs', '.tag-bar', '.topbar', '.sheet-toggle', '.filters']) {
      assert.equal(await page.locator(hidden).first().isVisible(), false, `${hidden} not printed`);
    }
    const quote = page.locator('aside.panel .ann-quote', { hasText: full.slice(0, 30) });
    assert.equal(norm(await quote.innerText()), norm(full), 'the whole quote is printed');
    const cut = await quote.locator('.clamp').evaluate((e) => e.scrollHeight - e.clientHeight);
    assert.ok(cut <= 1, 'nothing clipped');
    await shot(page, `print-${vp.name}`, true);
    await page.emulateMedia({ media: 'screen' });
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${vp.name}: loading the site logs no warning in the console`, async () => {
    const { context, page, problems, warnings } = await start(vp);
    await open(page, seeds[0]);
    // Chromium reports an unused preload a few seconds after the load.
    await page.waitForTimeout(3500);
    assert.deepEqual(warnings, []);
    assert.equal(await page.locator('link[rel=preload][integrity], link[rel=modulepreload][integrity]').count(), 0);
    assert.deepEqual(problems, []);
    await context.close();
  });
  test(`${vp.name}: a reader corrects names — another kind, not a name, a new name — kept and exported`, async () => {
    const { context, page, problems } = await start(vp);
    const seed = seeds[0];
    await open(page, seed);
    /** Double-click `word` inside statement `s` with the mouse. */
    const dbl = async (s, word) => {
      const text = await textOf(page, s);
      const at = text.search(new RegExp(`\\b${word}\\b`));
      await middle(page, s);
      const p = await points(page, s, at, at + word.length);
      await page.mouse.dblclick((p.from.x + p.to.x) / 2, p.from.y);
      await page.locator('.tag-bar .names').waitFor();
    };
    const markAt = (s, word) => page.locator(`.stmt[data-s="${s}"] mark.ent`, { hasText: word }).first();
    // "Micron" is part of the organisation "Micron Technology": the correction takes the name.
    const sMicron = await page.locator('.article-body .stmt', { has: page.locator('mark.ent-organization', { hasText: 'Micron' }) }).first().getAttribute('data-s');
    await dbl(sMicron, 'Micron');
    assert.equal(await page.getByRole('button', { name: 'Name: Organization' }).getAttribute('aria-pressed'), 'true');
    await shot(page, `names-menu-${vp.name}`);
    await mouseClick(page, page.getByRole('button', { name: 'Name: Person' }));
    await page.locator(`.stmt[data-s="${sMicron}"] mark.ent-person`).first().waitFor();
    assert.equal(norm((await page.locator(`.stmt[data-s="${sMicron}"] mark.ent-person`).allTextContents()).join(' ')), 'Micron Technology');
    // A place that is not one here: removed.
    const sChina = await page.locator('.article-body .stmt', { has: page.locator('mark.ent-place', { hasText: /^China$/ }) }).first().getAttribute('data-s');
    const before = await page.locator(`.stmt[data-s="${sChina}"] mark.ent-place`, { hasText: /^China$/ }).count();
    await dbl(sChina, 'China');
    await mouseClick(page, page.getByRole('button', { name: 'Name: Not a name' }));
    await page.waitForFunction(([s, n]) => [...document.querySelectorAll(`.stmt[data-s="${s}"] mark.ent-place`)].filter((m) => m.textContent === 'China').length === n - 1, [sChina, before]);
    // A new name, by dragging over words the analysis left alone.
    const sNew = (await statements(page))[1];
    const text = await textOf(page, sNew);
    const words = [...text.matchAll(/\b[a-z]{5,}\b/g)].filter((m) => !/^(would|could|might)$/.test(m[0]));
    const w = words[0];
    await middle(page, sNew);
    await drag(page, ...Object.values(await points(page, sNew, w.index, w.index + w[0].length)));
    await page.locator('.tag-bar .names').waitFor();
    await mouseClick(page, page.getByRole('button', { name: 'Name: Group' }));
    await markAt(sNew, w[0]).waitFor();
    assert.match(await markAt(sNew, w[0]).getAttribute('class'), /ent-group/);
    await shot(page, `names-corrected-${vp.name}`);
    // Kept across a reload, listed in the panel, exported as Web Annotation bodies.
    await page.reload();
    await page.locator('.article-body .stmt').first().waitFor();
    await page.locator('.drawing').waitFor({ state: 'detached' }); // the analysis drawn in
    await page.locator(`.stmt[data-s="${sMicron}"] mark.ent-person`).first().waitFor();
    if (vp.name === 'phone') await mouseClick(page, page.locator('.sheet-toggle'));
    const group = page.locator('aside.panel .group.names');
    await group.waitFor();
    assert.equal(await group.locator('li').count(), 3);
    await mouseClick(page, page.getByRole('tab', { name: 'Share' }));
    const exportButton = page.getByRole('button', { name: 'Export this article as Web Annotation JSON' });
    await exportButton.scrollIntoViewIfNeeded();
    const [dl] = await Promise.all([page.waitForEvent('download'), mouseClick(page, exportButton)]);
    const doc = JSON.parse(await fs.readFile(await dl.path(), 'utf8'));
    const bodies = doc.first.items.flatMap((a) => a.body);
    assert.ok(bodies.some((b) => b.purpose === 'identifying' && b.value === 'Micron Technology'));
    assert.ok(bodies.some((b) => b.purpose === 'classifying' && b.value === 'person'));
    assert.ok(bodies.some((b) => b.purpose === 'classifying' && b.value === 'not-a-name'));
    assert.ok(bodies.some((b) => b.purpose === 'classifying' && b.value === 'group'));
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('desktop: a paragraph of 60 sentences is drawn in two pieces that read as one; a mouse selection across them tags exactly it', async () => {
  const { context, page, problems } = await start(VIEWPORTS[0]);
  const para = Array.from({ length: 60 }, (_, i) => `The council met on day ${i + 1} and said little about the budget.`).join(' ');
  await page.goto(server.base + '/');
  // Once the list is shown, the app has stored its own choice (none) and will not overwrite ours.
  await page.locator('.article-item').first().waitFor();
  await page.evaluate((para) => {
    localStorage.setItem('annotator/v1/own/index', JSON.stringify({ version: 1, articles: [{ id: 'own-long', file: '', title: 'Council days', source: 'Your article', words: 780 }] }));
    localStorage.setItem('annotator/v1/own/text/own-long', `Council days\n\n${para}`);
    localStorage.setItem('annotator/v1/selected', '"own-long"');
  }, para);
  await page.reload();
  await page.locator('.article-body .stmt').first().waitFor();
  await page.locator('.drawing').waitFor({ state: 'detached' }); // the analysis drawn in
  await page.waitForFunction(() => !document.querySelector('.drawing'));
  // Two pieces, back to back, holding the whole paragraph's text.
  const pieces = page.locator('.article-body p');
  assert.equal(await pieces.count(), 2);
  assert.deepEqual(await pieces.evaluateAll((ps) => ps.map((p) => p.className)), ['cut', 'cont']);
  assert.equal(norm((await pieces.allTextContents()).join(' ')), norm(para));
  // Drag from the middle of the first piece's last sentence to the middle of the second's first.
  const last = Number(await pieces.nth(0).locator('.stmt').last().getAttribute('data-s'));
  const first = Number(await pieces.nth(1).locator('.stmt').first().getAttribute('data-s'));
  assert.equal(first, last + 1);
  await middle(page, last);
  const pa = await points(page, last, 20, 21);
  const pb = await points(page, first, 30, 31);
  await drag(page, pa.from, pb.to);
  const selected = await page.evaluate(() => window.__selection);
  assert.match(norm(selected), /budget\. The council/);
  await page.locator('.tag-bar .target', { hasText: 'Selected text' }).waitFor();
  const t = await now(page);
  await page.keyboard.press('2');
  const x = await newest(page, 'own-long', t);
  assert.equal(norm(x.quote.exact), norm(selected));
  await page.locator('.article-body .span-criticism').first().waitFor();
  assert.equal(norm((await page.locator('.article-body .span-criticism').allTextContents()).join(' ')), norm(selected));
  assert.deepEqual(problems, []);
  await context.close();
});

test('phone: a compact toolbar at the foot of the screen; nothing overflows', async () => {
  const { context, page, problems } = await start(VIEWPORTS[1]);
  await open(page, seeds[2]);
  const bar = await page.locator('.tag-bar').boundingBox();
  assert.ok(Math.abs(bar.y + bar.height - 844) <= 1, `at the foot (${JSON.stringify(bar)})`);
  assert.ok(bar.height <= 844 / 6, `compact: ${bar.height}px`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  assert.ok(overflow <= 0, `no sideways scrolling (${overflow}px)`);
  for (const name of ['Official position', 'Criticism', 'Speculation', 'Clear tag', 'Note', 'Undo', 'Redo']) {
    const b = await page.getByRole('button', { name, exact: true }).boundingBox();
    assert.ok(b.x >= 0 && b.x + b.width <= 390, `${name} on screen`);
  }
  // The top bar's title and buttons each keep to one line, inside the bar.
  const top = await page.evaluate(() => {
    const bar = document.querySelector('.topbar').getBoundingClientRect();
    return [...document.querySelectorAll('.topbar .brand, .topbar button')].map((e) => {
      const r = e.getBoundingClientRect();
      const line = parseFloat(getComputedStyle(e).lineHeight) || parseFloat(getComputedStyle(e).fontSize) * 1.5;
      return { text: e.textContent, lines: Math.round(e.getClientRects().length && (r.height - 12) / line) , inside: r.top >= bar.top && r.bottom <= bar.bottom && r.right <= innerWidth };
    });
  });
  for (const t of top) assert.ok(t.inside && t.lines <= 1, `top bar: "${t.text}" on one line inside the bar (${JSON.stringify(t)})`);
  await shot(page, 'toolbar-phone');
  assert.deepEqual(problems, []);
  await context.close();
});
