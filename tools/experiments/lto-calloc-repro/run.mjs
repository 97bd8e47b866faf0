// Runs the export m1 of the built wasm (no imports needed); a trap means the dlmalloc assertion fired.
import fs from 'node:fs';
const { instance } = await WebAssembly.instantiate(fs.readFileSync(process.argv[2]), {});
try {
  console.log('m1 ->', instance.exports.m1(), '(ok)');
} catch (e) {
  console.log('TRAP:', e.stack.split('\n').filter((l) => /validate_size|mini|m1/.test(l) || /Error/.test(l)).join('\n'));
  process.exitCode = 1;
}
