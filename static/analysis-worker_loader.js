// The analysis worker's loader (copied beside Trunk's analysis-worker.js by index.html): starts
// fetching the models' data files (entities.bin, attribution.bin) at once, loads the worker's
// wasm-bindgen glue, then its wasm, and hands the files to it (`data_files`,
// analysis-worker/src/main.rs) once both are there. Fetched here, in the worker's own thread, they
// arrive whatever the page's main thread is doing (a page busy starting the app held them back
// by ~200 ms when the page fetched them). In place of Trunk's generated shim, which passes the
// wasm's URL in the form wasm-bindgen warns about in the console, and says nothing when the
// wasm fails to load: here the page is told, so the reader can be (src/analysis_client.rs).
// Never throws: each fetch becomes `{ok, status, statusText, bytes}` or `{error}`, which the
// worker words for the reader.
function fetched(url) {
  // Revalidated past the HTTP cache, like the service worker's fetches (tools/sw-template.js).
  return fetch(url, { cache: 'no-cache' }).then(function (r) {
    return r.arrayBuffer().then(function (bytes) {
      return { ok: r.ok, status: r.status, statusText: r.statusText, bytes: bytes };
    });
  }).catch(function (e) {
    return { error: String((e && e.message) || e) };
  });
}
var files = Promise.all([fetched('entities.bin'), fetched('attribution.bin')]);
importScripts('./analysis-worker.js');
wasm_bindgen({ module_or_path: './analysis-worker_bg.wasm' }).then(function () {
  return files.then(function (f) { wasm_bindgen.data_files(f[0], f[1]); });
}).catch(function (e) {
  postMessage({ failed: String((e && e.message) || e) });
});
