// TEST-ONLY, appended to the page script by `OLINPE_TEST_LEAK=img node scripts/build-page.mjs`
// (never in the production page): when a run starts, the page loads an external image.
// The privacy tests must catch it (positive control). OLINPE_TEST_LEAK_CODE
(function () {
  document.addEventListener('click', function (e) {
    if (!e.target.closest('[data-testid=run]')) return;
    var img = document.createElement('img');
    img.alt = '';
    img.src = ['http:', '', '198.51.100.7', 'olinpe-leak.png'].join('/');
    document.body.append(img);
  }, true);
})();
