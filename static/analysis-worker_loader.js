// The analysis worker's loader (copied beside Trunk's analysis-worker.js by index.html): loads
// the worker's wasm-bindgen glue, then its wasm. In place of Trunk's generated shim, which passes
// the wasm's URL in the form wasm-bindgen warns about in the console, and says nothing when the
// wasm fails to load: here the page is told, so the reader can be (src/analysis_client.rs).
importScripts('./analysis-worker.js');
wasm_bindgen({ module_or_path: './analysis-worker_bg.wasm' }).catch(function (e) {
  postMessage({ failed: String((e && e.message) || e) });
});
