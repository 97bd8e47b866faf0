// The offline service worker: writes sw.js into a built site from tools/sw-template.js, with
// every file of the site (relative to it) and a version that changes whenever any of them does.
// Called by the build hook (tools/csp.mjs) and by tools/pack.mjs on an already built site.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';

/** Write `siteDir/sw.js`; returns the number of files it caches. */
export function writeServiceWorker(siteDir) {
  const files = [];
  (function walk(dir) {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name !== 'sw.js') files.push(full);
    }
  })(siteDir);
  const rel = (f) => './' + path.relative(siteDir, f).split(path.sep).join('/');
  const version = crypto.createHash('sha256');
  for (const f of files.sort()) version.update(rel(f)).update(fs.readFileSync(f));
  const list = ['./', ...files.map(rel).filter((f) => f !== './index.html')];
  const template = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'sw-template.js'), 'utf8');
  fs.writeFileSync(path.join(siteDir, 'sw.js'), template
    .replace('__VERSION__', version.digest('hex').slice(0, 16))
    .replace('__FILES__', JSON.stringify(list)));
  return list.length;
}
