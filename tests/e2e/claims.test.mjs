// End-to-end: which kind of claim a statement is, and who says it. Claims someone is reported
// to have made carry a dotted line under them; clicking one names its speaker over the tag
// buttons, and clicking the writer's own checkable claim says so — at desktop and phone widths.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, watchedPage, screenshot, readSeeds, clickStatement } from './harness.mjs';

let server, browser, seeds;
before(async () => {
  [server, browser, seeds] = await Promise.all([serve(), launch(), readSeeds()]);
});
after(async () => { await browser?.close(); await server?.close(); });

for (const [name, width, height] of [['desktop', 1366, 900], ['phone', 390, 844]]) {
  test(`attributed and factual claims are told apart, with the speaker (${name})`, async () => {
    let said = 0;
    let factual = 0;
    for (const seed of seeds) {
      // A fresh page per article: on a phone the list is hidden once an article is open.
      const context = await browser.newContext({ viewport: { width, height } });
      const { page, problems } = await watchedPage(context);
      await page.goto(server.base + '/');
      await page.locator('.article-item', { hasText: seed.title }).click();
      await page.locator('.article-body .stmt').first().waitFor();
      await page.locator('.drawing').waitFor({ state: 'detached' }); // the analysis drawn in
      const kind = page.locator('.tag-bar .claim-kind');
      // A claim said by someone: underlined, and the line over the buttons names its speaker.
      const attributed = page.locator('.article-body .stmt.claim.said');
      if (await attributed.count() > 0) {
        const s = attributed.first();
        const line = await s.evaluate((el) => getComputedStyle(el).borderBottomStyle);
        assert.equal(line, 'dotted', `${seed.id}: a said claim is underlined`);
        await clickStatement(page, s);
        await page.locator('.stmt.current.said').waitFor();
        const text = await kind.innerText();
        assert.match(text, /said by \S|attributed claim, speaker not named/, `${seed.id}: ${text}`);
        if (/said by/.test(text)) {
          const who = (await page.locator('.tag-bar .said-by').innerText()).trim();
          assert.ok(who.length > 1, `${seed.id}: a speaker is named`);
          // The name is one the text highlights (the speaker is an entity of the article), or a
          // source described in words ("officials").
          const names = await page.locator('.article-body mark.ent').evaluateAll(
            (ms) => ms.map((m) => m.dataset.canonical));
          const body = await page.locator('.article-body').innerText();
          assert.ok(names.includes(who) || body.toLowerCase().includes(who.toLowerCase()),
            `${seed.id}: speaker ${who} is in the article`);
          said += 1;
          if (factual === 0 && said === 1) await screenshot(page, `claims-said-${name}`, { fullPage: false });
        }
      }
      // The writer's own claim: tinted, not underlined, and called factual.
      const own = page.locator('.article-body .stmt.claim:not(.said)');
      if (await own.count() > 0) {
        const s = own.first();
        assert.notEqual(await s.evaluate((el) => getComputedStyle(el).borderBottomStyle), 'dotted');
        await clickStatement(page, s);
        await page.waitForFunction((i) => document.querySelector(`.stmt[data-s="${i}"]`)?.classList.contains('current'),
          await s.getAttribute('data-s'));
        assert.match(await kind.innerText(), /factual claim/, `${seed.id}: factual claim named`);
        factual += 1;
        if (factual === 1) await screenshot(page, `claims-factual-${name}`, { fullPage: false });
      }
      // A statement that is no claim says nothing of claims.
      const plain = page.locator('.article-body .stmt:not(.claim):not(.furniture)');
      if (await plain.count() > 0) {
        await clickStatement(page, plain.first());
        await page.waitForFunction((i) => document.querySelector(`.stmt[data-s="${i}"]`)?.classList.contains('current'),
          await plain.first().getAttribute('data-s'));
        assert.equal(await kind.count(), 0, `${seed.id}: no claim kind for a statement that is no claim`);
      }
      assert.deepEqual(problems, []);
      await context.close();
    }
    assert.ok(said > 0, 'some seed has a claim said by a named speaker');
    assert.ok(factual > 0, 'some seed has a factual claim');
  });
}
