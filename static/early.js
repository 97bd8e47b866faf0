// Starts fetching the article list and the article the reader had open, and starts the analysis
// worker (which fetches the models' data files itself, static/analysis-worker_loader.js), while
// the WebAssembly app is still downloading and compiling; the app takes these responses (and the
// worker) instead of fetching again (src/effects/fetch.rs, src/analysis_client.rs). Never throws
// and never rejects: every outcome, error included, becomes a plain object the app turns into its
// usual messages.
(function () {
  'use strict';
  function get(url) {
    // Revalidated past the HTTP cache, like the service worker's fetches (tools/sw-template.js).
    return fetch(url, { cache: 'no-cache' }).then(function (r) {
      return r.text().then(function (text) {
        return { ok: r.ok, status: r.status, statusText: r.statusText, text: text };
      });
    }, function (e) {
      return { error: String((e && e.message) || e) };
    });
  }
  var early = {
    manifest: get('articles/manifest.json'),
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
    early.worker = worker;
    early.inbox = inbox;
  } catch (e) {
    early.workerError = String((e && e.message) || e);
  }
  window.__annotatorEarly = early;
})();
