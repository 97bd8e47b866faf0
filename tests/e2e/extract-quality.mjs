// The article-extraction benchmark (../shared/corpora/article-extraction) through the browser's
// own path: every page's bytes go through the site's steps in Chromium (the worker decodes, the
// page's DOMParser parses, the worker extracts; extract-steps.mjs), and the bodies are scored by
// the benchmark's own evaluate.py, as `cargo run --release -p annotator-extract --example
// benchmark` scores the native path (docs/extraction.md).
//   trunk build --release --offline && node tests/e2e/extract-quality.mjs [CORPUS_DIR]
import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { serve, launch, ROOT } from './harness.mjs';
import { startExtractor, extractIn } from './extract-steps.mjs';

const corpus = path.resolve(process.argv[2] ?? path.join(ROOT, '..', 'shared', 'corpora', 'article-extraction'));
const out = path.join(ROOT, 'target', 'extraction-benchmark-browser');
let truth;
try {
  truth = JSON.parse(await fs.readFile(path.join(corpus, 'ground-truth.json'), 'utf8'));
  await fs.access(path.join(corpus, 'evaluate.py'));
} catch (e) {
  console.error(`error: the article-extraction benchmark is not at ${corpus} (need html/, ground-truth.json and evaluate.py; see ../shared/corpora/README.md)`);
  process.exit(2);
}
const [server, browser] = await Promise.all([serve(), launch()]);
const output = {};
try {
  const page = await (await browser.newContext()).newPage();
  await page.goto(server.base + '/');
  await startExtractor(page);
  let failed = 0;
  for (const id of Object.keys(truth)) {
    const bytes = zlib.gunzipSync(await fs.readFile(path.join(corpus, 'html', `${id}.html.gz`)));
    const a = await extractIn(page, bytes);
    // The worker's text is the title line, then the body; the benchmark scores the body.
    const body = !a.ok ? '' : a.title.trim() ? a.text.slice(a.text.indexOf('\n') + 1) : a.text;
    if (!a.ok) failed++;
    output[id] = { articleBody: body };
  }
  console.log(`${Object.keys(output).length} pages through the browser's path, ${failed} refused`);
} finally {
  await browser.close();
  await server.close();
}
await fs.mkdir(path.join(out, 'output'), { recursive: true });
await fs.writeFile(path.join(out, 'output', 'annotator_extract_browser.json'), JSON.stringify({ version: 'browser', output }));
for (const f of ['ground-truth.json', 'evaluate.py']) await fs.copyFile(path.join(corpus, f), path.join(out, f));
process.stdout.write(execFileSync('python3', ['evaluate.py'], { cwd: out }));
