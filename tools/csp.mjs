// Trunk post-build hook: puts a class pack's articles in place when ANNOTATOR_ARTICLES is set
// (tools/pack.mjs), pins the Content-Security-Policy of the built page and writes the offline
// service worker (sw.js, tools/sw.mjs).
//
// Trunk writes one inline module script (it loads the wasm); the policy allows exactly that
// script by its SHA-256 hash, the site's own files, and WebAssembly compilation — no other
// inline script, no eval of strings, no inline styles, no requests to any other host.
// Release builds only: `trunk serve` injects its own live-reload script, which the policy
// would (rightly) refuse.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { packArticles } from './pack.mjs';
import { writeServiceWorker } from './sw.mjs';

const staging = process.env.TRUNK_STAGING_DIR;
// A class pack (`./dev pack DIR`): the teacher's articles replace the staged seeds. Done here,
// not in a hook of its own, because Trunk runs the hooks of one stage concurrently and the
// service worker's file list below must see the pack's articles.
if (process.env.ANNOTATOR_ARTICLES) {
  try {
    packArticles(staging, process.env.ANNOTATOR_ARTICLES);
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}

if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);
const file = path.join(staging, 'index.html');
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

// The offline service worker, listing the files staged above (a class pack's articles included).
console.log(`csp.mjs: sw.js caches ${writeServiceWorker(staging)} files`);
