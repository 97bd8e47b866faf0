// Starts fetching the article list, the models' weights (the data files entities.bin and
// attribution.bin, src/effects/loading.rs `DATA_FILES`) and the article the reader had open, while the WebAssembly app is still downloading and compiling; the app takes these responses instead of fetching
// again (src/app.rs, `early_text`). Never throws and never rejects: every outcome, error
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
  window.__annotatorEarly = early;
})();
