// The allocator workaround, proven in the optimised release wasm. The app builds the analysis at
// opt-level 3 inside a size-optimised LTO build; without `annotator_core::heap::OpaqueAlloc`
// LLVM miscompiles dlmalloc's `free` of a block from `alloc_zeroed` (the fuzzy anchoring's
// `vec![0u64; n]` in `myers_search`), and the page panics. Stored annotations whose quotes were
// edited (found again by fuzzy search) or are gone (searched for, then kept as detached) run
// that path many times over on load. Fails on a build without the wrapper (docs/building.md).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, watchedPage, readSeeds } from './harness.mjs';

let server, browser, seeds;
before(async () => {
  [server, browser, seeds] = await Promise.all([serve(), launch(), readSeeds()]);
});
after(async () => { await browser?.close(); await server?.close(); });

/** A stored record for `text`: every sentence of its longer lines with one word changed (so
 *  neither its position nor its exact quote finds it), and one sentence that is gone. */
function editedRecord(id, text) {
  const chars = [...text.replace(/\r\n?/g, '\n').replace(/^\uFEFF/, '')];
  const joined = chars.join('');
  const annotations = [];
  const sentences = joined.match(/[A-Z][^.\n]{60,200}\./g) ?? [];
  sentences.slice(0, 40).forEach((s, i) => {
    const at = [...joined.slice(0, joined.indexOf(s))].length;
    const words = s.split(' ');
    words[Math.floor(words.length / 2)] = 'xyzzy';
    const exact = words.join(' ');
    annotations.push({
      id: `edited-${i}`,
      quote: { exact, prefix: '', suffix: '' },
      position: { start: at + 3, end: at + 3 + [...exact].length },
      tag: 'criticism', note: '', created: 1, modified: 1,
    });
  });
  annotations.push({
    id: 'gone',
    quote: { exact: 'A sentence this article never had, about something else entirely.', prefix: '', suffix: '' },
    position: { start: 5, end: 72 }, tag: 'official', note: '', created: 1, modified: 1,
  });
  return { version: 2, article: id, annotations };
}

test('fuzzy re-attachment in the release wasm frees what it allocated zeroed', async () => {
  const seed = seeds.reduce((a, b) => (b.text.length > a.text.length ? b : a));
  const record = editedRecord(seed.id, seed.text);
  assert.ok(record.annotations.length > 10, 'enough edited sentences to search for');
  const context = await browser.newContext();
  await context.addInitScript(([key, value]) => {
    try {
      if (!localStorage.getItem(key)) localStorage.setItem(key, value);
    } catch { /* a page without storage (about:blank) */ }
  }, [`annotator/v2/annotations/${seed.id}`, JSON.stringify(record)]);
  const { page, problems } = await watchedPage(context);
  await page.goto(server.base + '/');
  await page.locator('.article-item', { hasText: seed.title }).click();
  // In a miscompiled build dlmalloc's own size check fails in `free` ("assertion failed: psize
  // >= size + min_overhead") and the article never comes: fail with what the page reported.
  await page.locator('.article-body .stmt').first().waitFor({ timeout: 20_000 }).catch((e) => {
    assert.fail(`the article never showed (${e.message.split('\n')[0]}); the page reported: ${JSON.stringify(problems)}`);
  });
  await page.getByRole('tab', { name: 'Annotations' }).click();
  await page.locator('.group.detached li').first().waitFor();
  // Edited sentences are found again by the fuzzy search; the one that is gone is not.
  const detached = Number(await page.locator('.group.detached .count').innerText());
  assert.ok(detached >= 1 && detached < record.annotations.length, `${detached} of ${record.annotations.length} detached`);
  assert.match(await page.locator('.group.detached').innerText(), /never had/);
  assert.deepEqual(problems, []);
  await context.close();
});
