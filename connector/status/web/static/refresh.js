// Keeps the status page current without reloading it: every data-refresh
// seconds (on <main>) it fetches the same address and swaps in the new
// <main>, rendered by the server like the first one. Nothing else is
// fetched and nothing runs from elsewhere; without this script the page
// is the same, only static. It waits while the page is hidden, while a
// form field has the focus and while text is selected, so it never takes
// a choice or a selection away.
(function () {
  'use strict';
  var main = document.querySelector('main[data-refresh]');
  if (!main || !window.fetch || !window.DOMParser) {
    return;
  }
  // Read at each turn: the server asks for a shorter one while a bulk
  // re-read runs, so that its progress moves.
  function every() {
    var m = document.querySelector('main[data-refresh]') || main;
    return Math.max(2, parseInt(m.getAttribute('data-refresh'), 10) || 30) * 1000;
  }

  // A flash ("message 12 is queued again") belongs to the action that
  // caused it: take it out of the address so that a refresh does not
  // repeat it.
  if (window.history && history.replaceState && /[?&](done|failed|channel_done|channel_failed)=/.test(location.search)) {
    var q = new URLSearchParams(location.search);
    ['done', 'failed', 'id', 'left', 'why', 'channel_done', 'channel_failed', 'name', 'kind'].forEach(function (k) { q.delete(k); });
    var s = q.toString();
    history.replaceState(null, '', location.pathname + (s ? '?' + s : '') + location.hash);
  }

  function busy() {
    var a = document.activeElement;
    var sel = window.getSelection ? String(window.getSelection()) : '';
    return document.hidden || (a && a.form) || sel !== '';
  }

  function refresh() {
    if (busy()) {
      return later();
    }
    fetch(location.href, { credentials: 'same-origin', cache: 'no-store', redirect: 'follow' })
      .then(function (r) {
        if (r.redirected || !r.ok) {
          // Logged out (the session ended) or the service restarted: a
          // real reload shows the login page or the error.
          location.reload();
          return null;
        }
        return r.text();
      })
      .then(function (html) {
        if (html === null) {
          return;
        }
        var fresh = new DOMParser().parseFromString(html, 'text/html').querySelector('main');
        var now = document.querySelector('main');
        if (fresh && now) {
          // Keep what the reader opened or closed.
          now.querySelectorAll('section[id] > details').forEach(function (d) {
            var f = fresh.querySelector('section[id="' + d.parentNode.id + '"] > details');
            if (f) {
              f.open = d.open;
            }
          });
          now.replaceWith(document.adoptNode(fresh));
          document.documentElement.setAttribute('data-refreshed', String(Date.now()));
        }
      })
      .catch(function () { /* offline for a moment: try at the next turn */ })
      .then(later);
  }

  function later() {
    setTimeout(refresh, every());
  }
  later();
})();
