// The browser benchmarks' article and stored annotations (bench.mjs, table-bench.mjs): a
// generated 100,000-word article (the seeds' paragraphs repeated, each copy numbered) and 5,000
// annotations at pseudo-random places, as the app stores them, served with a manifest.

export const WORDS = 100_000;
export const ANNOTATIONS = 5_000;

export const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
/** The q-quantile (0..1) of xs, nearest rank. */
export const quantile = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * q))]; };

/** Seeds' paragraphs repeated (each copy numbered so it is not all identical) to WORDS words. */
export function longArticle(seeds) {
  const paras = seeds.flatMap((s) => s.text.split('\n').filter((l) => l.split(' ').length > 30));
  const out = ['A long article for the benchmark'];
  let words = 0;
  for (let i = 0; words < WORDS; i++) {
    const p = `${paras[i % paras.length]} (Part ${i + 1}.)`;
    out.push(p);
    words += p.split(/\s+/).length;
  }
  return out.join('\n\n');
}

/** ANNOTATIONS annotations at pseudo-random places, with both selectors, as the app stores them. */
export function annotations(text) {
  const cps = Array.from(text);
  let seed = 42;
  const rand = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const tags = ['official', 'criticism', 'speculation'];
  const list = [];
  for (let i = 0; i < ANNOTATIONS; i++) {
    const start = 40 + rand(cps.length - 300);
    const end = start + 20 + rand(100);
    list.push({
      id: `bench-${i}`,
      quote: {
        exact: cps.slice(start, end).join(''),
        prefix: cps.slice(Math.max(0, start - 32), start).join(''),
        suffix: cps.slice(end, end + 32).join(''),
      },
      position: { start, end },
      tag: tags[i % 3],
      note: i % 10 === 0 ? `note ${i}` : '',
      from_suggestion: false,
      rejected: false,
      deleted: false,
      created: 1_700_000_000_000 + i,
      modified: 1_700_000_000_000 + i,
    });
  }
  return list;
}

/** A record as the app stores it (`formats::record::write_record`): its fields in the app's order
 * and its time stamps as serde_json writes an `f64` (`1700000000000.0`), so that reading it takes
 * the app's path for the records it wrote, not the one for records with fields it does not know. */
export function stored(record) {
  return JSON.stringify(record).replace(/"(created|modified)":(\d+)([,}])/g, '"$1":$2.0$3');
}

/** The article, its stored record and the files that serve it at / and under the sub-path. */
export function benchSite(seeds) {
  const text = longArticle(seeds);
  const record = { version: 2, article: 'long', annotations: annotations(text) };
  const manifest = {
    version: 1,
    articles: [{ id: 'long', file: 'long.txt', title: 'A long article for the benchmark', source: 'generated', words: WORDS }],
  };
  const extra = {};
  for (const base of ['/', '/class-7b/annotator/']) {
    extra[`${base}articles/manifest.json`] = { type: 'application/json', body: JSON.stringify(manifest) };
    extra[`${base}articles/long.txt`] = { type: 'text/plain; charset=utf-8', body: text };
  }
  return { text, record, extra };
}

/** Before the app's page loads in `context`, store the bench record and select the long article
 * (the page's own start-up then opens it, as a returning reader's would). Only once per profile:
 * a reload (the returning visit) finds what the app left, as a reader's would, and does not pay
 * for writing 1.9 MB to local storage before the app starts. */
export function storeBenchRecord(context, record) {
  return context.addInitScript((rec) => {
    if (location.pathname.endsWith('/') && localStorage.getItem('annotator/v1/selected') === null) {
      localStorage.setItem('annotator/v1/selected', '"long"');
      localStorage.setItem('annotator/v1/selected-file', '"long.txt"');
      localStorage.setItem('annotator/v2/annotations/long', rec);
    }
  }, stored(record));
}
