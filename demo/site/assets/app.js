/* Meridian Ledger demo script: lazy images and the cookie banner. Never needed to read an article. */
document.querySelectorAll('img[data-src]').forEach(function (img) { img.src = img.getAttribute('data-src'); });
document.querySelectorAll('[data-consent]').forEach(function (button) {
  button.addEventListener('click', function () { document.getElementById('cookie-banner').hidden = true; });
});
