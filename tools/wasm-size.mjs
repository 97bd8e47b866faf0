// Where the app's wasm bytes go (issue #19; docs/performance.md, "App shell size").
//
//   node tools/wasm-size.mjs WASM [--map MAPFILE] [--deep]
//
// WASM is cargo's output before wasm-bindgen and wasm-opt (it still has its name section):
// target/wasm32-unknown-unknown/release-shell/annotator.wasm after `trunk build --release --offline`
// (the app's own profile, Cargo.toml).
// Prints the sections (raw and gzip -9 each), then the code grouped by who caused it — a
// generic instantiated for the app or the core counts for the app's or core's module that
// names it, anything else for its crate — from `twiggy top` (cargo install twiggy). With
// --map (a wasm-ld map: RUSTFLAGS "-C link-arg=--Map=FILE"), also the largest read-only data
// items; anonymous ones are shown by their first bytes, which say what they are. With --deep,
// the app's and core's code is grouped one module deeper (app::components::share_panel), to tell
// what the first screen needs from what only sharing, the class view or comparing do.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import zlib from 'node:zlib';

const [file, ...rest] = process.argv.slice(2);
if (!file) {
  console.error('usage: node tools/wasm-size.mjs WASM [--map MAPFILE]');
  process.exit(2);
}
const mapFile = rest.includes('--map') ? rest[rest.indexOf('--map') + 1] : null;
const deep = rest.includes('--deep');
const bytes = fs.readFileSync(file);
const gz = (b) => zlib.gzipSync(b, { level: 9 }).length;
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;

// Sections.
const NAMES = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'elem', 'code', 'data', 'datacount'];
function leb(b, i) {
  let r = 0, s = 0, x;
  do { x = b[i++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80);
  return [r, i];
}
let i = 8;
let dataStart = 0;
console.log('| section | raw | gzip -9 |\n|---|---|---|');
while (i < bytes.length) {
  const id = bytes[i++];
  let n;
  [n, i] = leb(bytes, i);
  let name = NAMES[id];
  if (id === 0) {
    const [l, j] = leb(bytes, i);
    name = `custom "${bytes.subarray(j, j + l)}" (dropped by wasm-bindgen/wasm-opt)`;
  }
  if (id === 11) dataStart = i;
  console.log(`| ${name} | ${kb(n)} | ${kb(gz(bytes.subarray(i, i + n)))} |`);
  i += n;
}

// Code by owner.
const csv = execFileSync('twiggy', ['top', '-n', '1000000', '-f', 'csv', file], { maxBuffer: 1 << 28 }).toString();
const groups = new Map();
for (const line of csv.split('\n').slice(1)) {
  const m = line.match(/^("(?:[^"]|"")*"|[^,]*),(\d+),/);
  if (!m) continue;
  const name = m[1].replace(/^"|"$/g, '').replace(/""/g, '"');
  if (/wbindgen_describe|^"function names"|^custom section|^data segment|^(export|import|type|elem|table|global|memory)\b/.test(name)) continue;
  let key;
  const own = name.match(/\b(annotator_core|annotator)\[[0-9a-f]+\]::([a-z_0-9]+)(?:::([a-z_0-9]+))?/);
  if (own) key = `${own[1] === 'annotator' ? 'app' : 'core'}::${own[2]}${deep && own[3] ? `::${own[3]}` : ''}`;
  else {
    const c = name.match(/^[<&\s(*]*(?:(?:mut|dyn) )*([a-z_0-9]+)(?:\[|::)/);
    key = c ? `crate ${c[1]}` : 'other';
  }
  groups.set(key, (groups.get(key) ?? 0) + Number(m[2]));
}
const total = [...groups.values()].reduce((a, b) => a + b, 0);
console.log(`\n| code, by who caused it (before wasm-opt) | bytes | share |\n|---|---|---|`);
for (const [k, v] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, deep ? Infinity : 30)) {
  console.log(`| ${k} | ${kb(v)} | ${(100 * v / total).toFixed(1)} % |`);
}

// Read-only data items.
if (mapFile) {
  const items = [];
  let base = null;
  for (const line of fs.readFileSync(mapFile, 'utf8').split('\n')) {
    const sec = line.match(/^\s*([0-9a-f]+)\s+[0-9a-f]+\s+[0-9a-f]+ \.rodata$/);
    if (sec) base = parseInt(sec[1], 16);
    const m = line.match(/^\s*([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)\s+\S+:\(\.rodata\.?(.*)\)$/);
    if (m && base !== null) items.push({ addr: parseInt(m[1], 16), size: parseInt(m[2], 16), name: m[3] || '(merged strings)' });
  }
  // The data section's first segment starts at `base` in memory (one active segment, .rodata first).
  let [, j] = leb(bytes, dataStart); // segment count
  j += 1; // flags 0: active, memory 0
  while (bytes[j++] !== 0x0b); // the offset expression, up to its `end`
  [, j] = leb(bytes, j); // segment size
  const at = (a, n) => bytes.subarray(j + a - base, j + a - base + n);
  const show = (b) => [...b].map((x) => (x >= 32 && x < 127 ? String.fromCharCode(x) : '.')).join('');
  const sum = items.reduce((a, b) => a + b.size, 0);
  console.log(`\n| read-only data item (${items.length} items, ${kb(sum)}) | bytes | first bytes |\n|---|---|---|`);
  for (const it of items.sort((a, b) => b.size - a.size).slice(0, 15)) {
    console.log(`| ${it.name.slice(-70)} | ${kb(it.size)} | \`${show(at(it.addr, 40)).replace(/`/g, "'")}\` |`);
  }
}
