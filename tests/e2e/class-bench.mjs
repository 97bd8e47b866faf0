// Benchmark of the class view in Chromium: a class of 40 students, 5 articles, 60 tagged
// statements per student and article (12,000 annotations), built here in the app's formats.
// Prints, over RUNS fresh pages:
//   open   — click on "Class view" with the work already stored, until all five articles are
//            read, analysed, summarised and the first one is drawn (the issue's target: < 1 s);
//   switch — click on another article's tab until its statements are drawn;
//   collect — the 200 share links (40 × 5) pasted at once, click on "Collect links" until the
//            first article is drawn again with everyone's work.
// Usage: trunk build --release --offline && node tests/e2e/class-bench.mjs [RUNS]
import { serve, launch, DIST } from './harness.mjs';
import { shareValue } from './class-work.mjs';

const STUDENTS = 40, ARTICLES = 5, TAGGED = 60, RUNS = Number(process.argv[2] ?? 5);
const LABELS = ['official', 'criticism', 'speculation'];

// A seeded generator, so every run measures the same class.
let seed = 17;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

const WORDS = 'ministry council officials critics analysts residents budget plan policy report school rail hospital union court mayor vote tax price water energy'.split(' ');
const FRAMES = [
  (a, b) => `The ${a} said on Monday that the ${b} would go ahead as planned.`,
  (a, b) => `Critics of the ${a} condemned the ${b}, calling it a costly mistake.`,
  (a, b) => `Analysts expect the ${a} could change the ${b} next year.`,
  (a, b) => `According to a statement, the ${a} has approved the ${b}.`,
  (a, b) => `Residents warned that the ${a} may never fund the ${b}.`,
];

/** One article: a title and 16 paragraphs of 5 sentences (80 statements). */
function article(i) {
  const paragraphs = [];
  const sentences = [];
  for (let p = 0; p < 16; p++) {
    const ss = [];
    for (let s = 0; s < 5; s++) {
      const n = p * 5 + s;
      ss.push(FRAMES[(n + i) % FRAMES.length](WORDS[(n * 7 + i) % WORDS.length], `${WORDS[(n * 3 + i + 5) % WORDS.length]} number ${n + 1}`));
    }
    paragraphs.push(ss.join(' '));
  }
  const text = `Class article ${i + 1}: the council's plan\n\n${paragraphs.join('\n\n')}\n`;
  // Statements with code-point offsets (the text is ASCII: bytes are code points).
  let at = 0;
  for (const p of paragraphs) {
    at = text.indexOf(p, at);
    let off = at;
    for (const s of p.split(/(?<=\.) /)) {
      sentences.push({ text: s, start: off, end: off + s.length });
      off += s.length + 1;
    }
  }
  return { id: `class-${i + 1}`, file: `class-${i + 1}.txt`, title: `Class article ${i + 1}: the council's plan`, text, sentences };
}

const articles = Array.from({ length: ARTICLES }, (_, i) => article(i));
// Per statement a "true" label the class mostly sees, so bars vary from unanimous to split.
const truth = articles.map((a) => a.sentences.map(() => LABELS[Math.floor(rand() * 3)]));
const now = Date.parse('2026-12-01T09:00:00Z');
const work = [];
const links = [];
for (let s = 0; s < STUDENTS; s++) {
  for (const [i, a] of articles.entries()) {
    const order = a.sentences.map((_, n) => n).sort(() => rand() - 0.5).slice(0, TAGGED).sort((x, y) => x - y);
    const tags = order.map((n) => [n, rand() < 0.7 ? truth[i][n] : LABELS[Math.floor(rand() * 3)]]);
    work.push({ student: `Student ${s + 1}`, article: a.id, modified: now, from: 'link', tags: tags.map(([n, t]) => [a.sentences[n].start, a.sentences[n].end, a.sentences[n].text, t]) });
    links.push(`/#share=${shareValue(a.id, `Student ${s + 1}`, tags.map(([n, t]) => [`s${n}`, a.sentences[n].start, a.sentences[n].end, a.sentences[n].text, t, '', 0, now, now]))}`);
  }
}
const record = JSON.stringify({ version: 1, work });
const manifest = { version: 1, articles: articles.map(({ id, file, title, text }) => ({ id, file, title, source: 'benchmark', words: text.split(/\s+/).length })) };
const extra = { '/articles/manifest.json': { type: 'application/json', body: JSON.stringify(manifest) } };
for (const a of articles) extra[`/articles/${a.file}`] = { type: 'text/plain; charset=utf-8', body: a.text };

/** Resolve with performance.now() once `cond` holds after a frame is painted. */
function painted(page, cond) {
  return page.evaluate((src) => new Promise((ok) => {
    const test = new Function(`return (${src})()`);
    const check = () => (test() ? requestAnimationFrame(() => setTimeout(() => ok(performance.now()))) : requestAnimationFrame(check));
    check();
  }), cond.toString());
}

/** Time from a real click on `locator` until `cond` holds and is painted. */
async function clickUntil(page, locator, cond) {
  const box = await locator.boundingBox();
  await page.evaluate(() => { window.__clicked = 0; addEventListener('mousedown', (e) => { window.__clicked = e.timeStamp; }, { capture: true, once: true }); });
  const done = painted(page, cond);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const end = await done;
  return end - await page.evaluate(() => window.__clicked);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const server = await serve(DIST, extra);
const browser = await launch();
const results = { open: [], switch: [], collect: [] };
try {
  for (let r = 0; r < RUNS; r++) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    await context.addInitScript((rec) => { if (!localStorage.getItem('annotator/v1/class')) localStorage.setItem('annotator/v1/class', rec); }, record);
    const page = await context.newPage();
    await page.goto(server.base + '/');
    await page.locator('.article-item').first().waitFor();
    results.open.push(await clickUntil(page, page.getByRole('button', { name: 'Class view' }), () =>
      document.querySelectorAll('.class-tab').length === 5
      && [...document.querySelectorAll('.tab-figures')].every((t) => t.textContent.includes('κ'))
      && document.querySelectorAll('.class-st').length > 0));
    const drawn = await page.locator('.class-st').count();
    if (r === 0) console.log(`statements drawn per article: ${drawn}`);
    if (await page.locator('.class-students tbody tr').count() !== STUDENTS) throw new Error('not every student is shown');
    if (await page.locator('.class-problem').count()) throw new Error(await page.locator('.class-problem').innerText());
    results.switch.push(await clickUntil(page, page.locator('.class-tab').nth(3), () =>
      document.querySelector('.class-article h2')?.textContent.startsWith('Class article 4')));
    await context.close();
    // Collecting: the same class again, as 200 pasted links, in a new profile with nothing stored.
    const empty = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const fresh = await empty.newPage();
    await fresh.goto(server.base + '/');
    await fresh.locator('.article-item').first().waitFor();
    await fresh.getByRole('button', { name: 'Class view' }).click();
    await fresh.getByText('No work collected yet').waitFor();
    await fresh.getByLabel('Share links, one per line').fill(links.map((l) => server.base + l).join('\n'));
    results.collect.push(await clickUntil(fresh, fresh.getByRole('button', { name: 'Collect links' }), () =>
      (document.querySelector('.class-info')?.textContent ?? '').includes('Collected: 200 new')
      && [...document.querySelectorAll('.tab-figures')].filter((t) => t.textContent.includes('κ')).length === 5
      && document.querySelectorAll('.class-students tbody tr').length === 40));
    await empty.close();
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(`class view: ${STUDENTS} students × ${ARTICLES} articles × ${TAGGED} tagged statements; stored record ${(record.length / 1024).toFixed(0)} KB; ${RUNS} runs`);
for (const [name, xs] of Object.entries(results)) {
  console.log(`${name.padEnd(8)} median ${median(xs).toFixed(0)} ms   max ${Math.max(...xs).toFixed(0)} ms   (${xs.map((x) => x.toFixed(0)).join(', ')})`);
}
