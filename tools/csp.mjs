// Trunk post-build hook: pins the Content-Security-Policy of the built page and writes the
// offline service worker (sw.js, from tools/sw-template.js).
//
// Trunk writes one inline module script (it loads the wasm); the policy allows exactly that
// script by its SHA-256 hash, the site's own files, and WebAssembly compilation — no other
// inline script, no eval of strings, no inline styles, no requests to any other host.
// Release builds only: `trunk serve` injects its own live-reload script, which the policy
// would (rightly) refuse.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);
const file = path.join(process.env.TRUNK_STAGING_DIR, 'index.html');
let html = fs.readFileSync(file, 'utf8');
const scripts = [...html.matchAll(/<script(?: [^>]*)?>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
const hashes = scripts.map((s) => `'sha256-${crypto.createHash('sha256').update(s, 'utf8').digest('base64')}'`);
const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`,
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
if (!html.includes('<meta charset="utf-8" />')) throw new Error('csp.mjs: no <meta charset> to put the policy after');
html = html.replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    ${meta}`);
fs.writeFileSync(file, html);
console.log(`csp.mjs: policy pinned with ${hashes.length} script hash(es)`);

// The offline service worker: every file of the site, relative to it, and a version that
// changes whenever any of them does.
const staging = process.env.TRUNK_STAGING_DIR;
const files = [];
(function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(full);
    else if (e.name !== 'sw.js') files.push(full);
  }
})(staging);
const version = crypto.createHash('sha256');
for (const f of files.sort()) version.update(f).update(fs.readFileSync(f));
const list = ['./', ...files.map((f) => './' + path.relative(staging, f).split(path.sep).join('/')).filter((f) => f !== './index.html')];
const template = fs.readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), 'sw-template.js'), 'utf8');
fs.writeFileSync(path.join(staging, 'sw.js'), template
  .replace('__VERSION__', version.digest('hex').slice(0, 16))
  .replace('__FILES__', JSON.stringify(list)));
console.log(`csp.mjs: sw.js caches ${list.length} files`);
