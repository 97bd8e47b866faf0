// A class pack: a teacher's folder of articles published as the site's `articles/`.
//
//   node tools/pack.mjs ARTICLES_DIR SITE_DIR
//
// replaces SITE_DIR/articles with ARTICLES_DIR's manifest.json (written and checked by
// `annotate manifest ARTICLES_DIR`), the article files it names and their answer keys, then
// rewrites SITE_DIR/sw.js so the offline worker caches those files. `./dev pack` does the same
// during the build instead: the Trunk hook tools/csp.mjs calls packArticles on the staging folder
// when ANNOTATOR_ARTICLES is set, before the worker is written.
//
// Only what the manifest names is copied: a teacher's folder may hold anything else (drafts,
// lesson plans, notes), and none of it is published.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeServiceWorker } from './sw.mjs';

/** A manifest's file name must be a plain name in the folder: no directory, no hidden file. */
function plainName(name, what, manifest) {
  if (typeof name !== 'string' || !/^[^/\\]+$/.test(name) || name.startsWith('.') || /[#?%]/.test(name)) {
    throw new Error(`pack: ${manifest} names ${what} ${JSON.stringify(name)}, not a plain file name in its folder`);
  }
  return name;
}

/** Replace `siteDir/articles` with the pack in `articlesDir`; returns the names copied. */
export function packArticles(siteDir, articlesDir) {
  const src = path.resolve(articlesDir);
  const manifestPath = path.join(src, 'manifest.json');
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  } catch (e) {
    throw new Error(`pack: cannot read ${manifestPath} (run ./dev manifest ${articlesDir} first): ${e.message}`);
  }
  if (manifest?.version !== 1 || !Array.isArray(manifest.articles) || manifest.articles.length === 0) {
    throw new Error(`pack: ${manifestPath} is not a version 1 manifest with articles`);
  }
  const names = ['manifest.json'];
  for (const a of manifest.articles) {
    names.push(plainName(a?.file, 'the article', manifestPath));
    if (a.key !== undefined) names.push(plainName(a.key, 'the answer key', manifestPath));
  }
  for (const n of names) {
    if (!fs.statSync(path.join(src, n), { throwIfNoEntry: false })?.isFile()) {
      throw new Error(`pack: ${path.join(src, n)} is named in the manifest but missing`);
    }
  }
  const dest = path.join(siteDir, 'articles');
  fs.rmSync(dest, { recursive: true, force: true });
  fs.mkdirSync(dest, { recursive: true });
  for (const n of names) fs.copyFileSync(path.join(src, n), path.join(dest, n));
  const keys = manifest.articles.filter((a) => a.key !== undefined).length;
  console.log(`pack: articles/ holds ${manifest.articles.length} article(s), ${keys} answer key(s) and manifest.json from ${src}`);
  return names;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const [articlesDir, siteDir] = process.argv.slice(2);
  if (!articlesDir || !siteDir) {
    console.error(`usage: node ${path.relative(process.cwd(), fileURLToPath(import.meta.url))} ARTICLES_DIR SITE_DIR`);
    process.exit(2);
  }
  if (!fs.existsSync(path.join(siteDir, 'index.html'))) {
    console.error(`pack: ${siteDir} is not a built site (no index.html); run ./dev build first`);
    process.exit(1);
  }
  try {
    packArticles(siteDir, articlesDir);
    console.log(`pack: sw.js caches ${writeServiceWorker(siteDir)} files`);
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
