// A class's work in the app's own formats, for the class view's end-to-end test and benchmark:
// share links as `formats::share::encode` writes them, and statements with code-point offsets.
import zlib from 'node:zlib';

/** A share link's fragment value, as `formats::share::encode` writes it. */
export function shareValue(article, name, rows) {
  const json = JSON.stringify({ v: 1, a: article, n: name, x: rows });
  return zlib.deflateSync(Buffer.from(json), { level: 9 }).toString('base64url');
}

/** Statements of a seed: their text and code-point offsets in the article text. */
export function statements(seed, texts) {
  const text = seed.text.replace(/\r\n?/g, '\n');
  return texts.map((t) => {
    const at = text.indexOf(t);
    const start = Array.from(text.slice(0, at)).length;
    return { text: t, start, end: start + Array.from(t).length };
  });
}

/** Share-link rows tagging statement n with tags[n] (null: untagged). */
export function rows(sts, tags, modified) {
  return tags.flatMap((tag, n) => (tag ? [[`s${n}`, sts[n].start, sts[n].end, sts[n].text, tag, '', 0, modified, modified]] : []));
}

