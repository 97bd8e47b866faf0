// How small could the app shell be if everything the first screen does not run were fetched
// later? (issue #19; docs/performance.md, *shell7*). A measurement, not a build step.
//
//   node tools/first-screen-split.mjs [DIST]      (default: dist/, after `./dev build`)
//
// Binaryen's `wasm-split` (Debian's binaryen, beside wasm-opt) instruments the shipped app wasm
// (dist/annotator-*_bg.wasm) so that it records which functions ran; the built site, with that
// wasm in place, is driven in Chromium through each scenario below as a reader does it (a fresh
// browser profile each); the profile is read back from the module's memory and
// `wasm-split --split --profile` cuts the shipped wasm in two: what ran (the primary module)
// and the rest (the secondary). The primary's size is the floor for any split of the shell that
// keeps those steps working without a second fetch: code that runs on the first screen cannot
// be left out of it, whatever tool splits the module.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, serve, launch, readSeeds, clickStatement } from '../tests/e2e/harness.mjs';

const DIST = path.resolve(process.argv[2] ?? path.join(ROOT, 'dist'));
const wasmName = fs.readdirSync(DIST).find((f) => /^annotator-.*_bg\.wasm$/.test(f));
if (!wasmName) throw new Error(`no annotator-*_bg.wasm in ${DIST}: build the site first`);
const shipped = path.join(DIST, wasmName);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'first-screen-'));
// gzip -9 as `./dev build`'s size line measures (zlib's level 9 differs from it by about 1 %).
const gz = (f) => execFileSync('gzip', ['-9c', f], { maxBuffer: 1 << 26 }).length;
const size = (f) => `${fs.statSync(f).size.toLocaleString('en')} B, ${gz(f).toLocaleString('en')} B gz`;

// The site with the instrumented wasm under the shipped one's name (the loader fetches it
// without an integrity hash, so it takes it).
const site = path.join(work, 'site');
fs.cpSync(DIST, site, { recursive: true });
execFileSync('wasm-split', ['--instrument', shipped, '-o', path.join(site, wasmName)]);

// Each scenario starts from a fresh browser profile and ends where the reader would be.
const seeds = await readSeeds();
const SCENARIOS = {
  'article list': async () => {},
  'open an article': async (page) => {
    await page.locator('.article-item', { hasText: seeds[0].title }).click();
    await page.locator('.article-body .stmt').first().waitFor({ timeout: 60000 });
  },
  'open an article, tag a statement by key': async (page) => {
    await SCENARIOS['open an article'](page);
    const stmt = page.locator('.article-body .stmt').nth(1);
    const s = await stmt.getAttribute('data-s');
    await clickStatement(page, stmt);
    await page.keyboard.press('2');
    await page.locator(`.stmt.tag-criticism[data-s="${s}"]`).waitFor();
  },
};

const server = await serve(site);
const browser = await launch();
const rows = [];
try {
  for (const [name, steps] of Object.entries(SCENARIOS)) {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await ctx.newPage();
    // Keep the page's wasm instances (the workers' run in their own realms) to read the profile.
    await page.addInitScript(() => {
      const keep = (p) => p.then((r) => { (window.__instances ||= []).push(r.instance ?? r); return r; });
      const [streaming, plain] = [WebAssembly.instantiateStreaming, WebAssembly.instantiate];
      WebAssembly.instantiateStreaming = (...a) => keep(streaming.apply(WebAssembly, a));
      WebAssembly.instantiate = (...a) => keep(plain.apply(WebAssembly, a));
    });
    await page.goto(server.base + '/');
    await page.locator('.article-item').first().waitFor({ timeout: 60000 });
    await steps(page);
    const bytes = await page.evaluate(() => {
      const e = window.__instances.map((i) => i.exports).find((x) => x.__write_profile);
      // Written past the end of the memory in use (a fresh 1 MiB), read back at once.
      const at = e.memory.buffer.byteLength;
      e.memory.grow(16);
      const n = e.__write_profile(at, 16 << 16);
      return Array.from(new Uint8Array(e.memory.buffer, at, n));
    });
    await ctx.close();
    const profile = path.join(work, `${rows.length}.prof`);
    fs.writeFileSync(profile, Buffer.from(bytes));
    const [primary, secondary] = [path.join(work, `${rows.length}.primary.wasm`), path.join(work, `${rows.length}.secondary.wasm`)];
    execFileSync('wasm-split', ['--split', '--enable-mutable-globals', `--profile=${profile}`, shipped, '-o1', primary, '-o2', secondary]);
    // Functions that ran: a nonzero timestamp after the module's 8-byte hash.
    const ran = new Uint32Array(Buffer.from(bytes).buffer.slice(8)).filter((t) => t > 0).length;
    rows.push({ name, ran, total: (bytes.length - 8) / 4, primary: size(primary), secondary: size(secondary) });
  }
} finally {
  await browser.close();
  await server.close();
}

console.log(`shipped app wasm (${wasmName}): ${size(shipped)}\n`);
console.log('| scenario | functions run | primary module (what ran) | secondary (the rest) |\n|---|---|---|---|');
for (const r of rows) console.log(`| ${r.name} | ${r.ran} of ${r.total} | ${r.primary} | ${r.secondary} |`);
console.log(`\n(files in ${work})`);
