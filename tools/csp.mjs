// Trunk post-build hook: pins the Content-Security-Policy of the built page.
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
