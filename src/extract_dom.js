// The page's side of article extraction: the browser's own HTML parser builds the page's tree,
// and this hands it to the extraction worker (which has no DOMParser) in annotator-extract's
// compact form (extract/src/tree.rs: OPEN name (ATTR key VALUE value)* children CLOSE, TEXT text).
//
// DOMParser gives an inert document: its scripts never run, and nothing it names (images, styles,
// frames, refreshes) is fetched — it has no browsing context. Only its elements and text are read.
// `keep` (attribute names) and `drop` (elements whose content is not read) come from the worker,
// i.e. from the crate, so both feeds of the tree keep the same things; a `script` keeps its
// content only as JSON-LD (tree.rs `keeps_content`).
export function pageTree(html, keep, drop) {
  const keepAttrs = new Set(keep.split(' '));
  const dropContent = new Set(drop.split(' '));
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const clean = (s) => s.replace(/[\u0001-\u0005]/g, '');
  const out = [];
  const CLOSE = null;
  // Iterative, so that no nesting depth can overflow the stack.
  const stack = [doc.documentElement];
  while (stack.length) {
    const n = stack.pop();
    if (n === CLOSE) { out.push('\u0004'); continue; }
    if (n.nodeType === 3) { out.push('\u0005' + clean(n.data)); continue; }
    if (n.nodeType !== 1) continue;
    const name = n.localName;
    let open = '\u0001' + name;
    for (const a of n.attributes) {
      if (keepAttrs.has(a.name)) open += '\u0002' + a.name + '\u0003' + clean(a.value);
    }
    out.push(open);
    stack.push(CLOSE);
    const type = n.getAttribute('type') || '';
    const content = name === 'script' ? type.includes('ld+json') : !dropContent.has(name);
    if (content) {
      const kids = n.childNodes;
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
    }
  }
  return out.join('');
}
