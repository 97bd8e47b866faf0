// Starts fetching the article list, the models' weights (the data files entities.bin and
// attribution.bin, src/effects/loading.rs `DATA_FILES`) and the article the reader had open, and
// starts the analysis worker and hands it the weights, while the WebAssembly app is still
// downloading and compiling; the app takes these responses (and the worker) instead of fetching
// again (src/effects/fetch.rs, src/analysis_client.rs). Never throws and never rejects: every outcome, error
// included, becomes a plain object the app turns into its usual messages.
(function () {
  'use strict';
  function get(url, binary) {
    // Revalidated past the HTTP cache, like the service worker's fetches (tools/sw-template.js).
    return fetch(url, { cache: 'no-cache' }).then(function (r) {
      return (binary ? r.arrayBuffer() : r.text()).then(function (body) {
        var out = { ok: r.ok, status: r.status, statusText: r.statusText };
        out[binary ? 'bytes' : 'text'] = body;
        return out;
      });
    }, function (e) {
      return { error: String((e && e.message) || e) };
    });
  }
  var early = {
    manifest: get('articles/manifest.json'),
    entities: get('entities.bin', true),
    attribution: get('attribution.bin', true),
  };
  try {
    // The same keys and file-name check as src/storage.rs (SELECTED_FILE_KEY, is_site_file).
    var file = JSON.parse(localStorage.getItem('annotator/v1/selected-file') || 'null');
    if (typeof file === 'string' && file && !/\.\.|:\/\/|^[\/\\]/.test(file)) {
      early.article = { file: file, response: get('articles/' + file) };
    }
  } catch (e) {
    // Storage withheld or unreadable: the app fetches normally.
  }
  try {
    // The analysis worker (analysis-worker/, src/analysis_client.rs), started now so that its
    // wasm downloads and compiles beside the app's. What it says before the app takes it over is
    // kept in `inbox`, in order (a message with no listener would be lost).
    var worker = new Worker('analysis-worker_loader.js');
    var inbox = [];
    worker.onmessage = function (e) { inbox.push(e.data); };
    worker.onerror = function (e) { inbox.push({ workerError: true, message: String((e && e.message) || 'failed') }); };
    // The models' data files go to the worker straight from their fetches (the app does not
    // take them): it installs them and warms up while the app's wasm is still compiling. Only
    // once it listens (a message before its wasm runs would be lost); a listener of its own,
    // which the app's taking over `onmessage` leaves in place. What the worker says of them
    // ({models, notice}) reaches the app through `inbox` or the app's own listener.
    var files = [early.entities, early.attribution];
    delete early.entities;
    delete early.attribution;
    var listening = new Promise(function (ok) {
      worker.addEventListener('message', function heard(e) {
        if (e.data === 'ready') {
          worker.removeEventListener('message', heard);
          ok();
        }
      });
    });
    Promise.all(files.concat([listening])).then(function (r) {
      var transfer = [r[0].bytes, r[1].bytes].filter(function (b) { return b instanceof ArrayBuffer; });
      worker.postMessage({ data: { entities: r[0], attribution: r[1] } }, transfer);
    });
    early.worker = worker;
    early.inbox = inbox;
  } catch (e) {
    early.workerError = String((e && e.message) || e);
  }
  window.__annotatorEarly = early;
})();
