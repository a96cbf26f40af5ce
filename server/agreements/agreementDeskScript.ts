// The desk page's one script (served as /console/agreement.js; the page's CSP allows only its own
// origin's scripts): the terms form and the signature pad post JSON to the court API with the
// staff session cookie, then the page is loaded again to show the case as it is now. A refusal is
// shown in the page's alert with the API's message; nothing is retried on its own. What the script
// says on its own it takes from the page's data-* texts, in the console's language. While the signed
// agreement is being prepared (after the last signature), the desk asks every few seconds only
// whether it still is (no text: not an audited view), and loads the page again once it is not —
// so one look at the desk is one audited view, however long the drawing takes. A failed ask is
// said in the console's words (the page's data-* texts) and the next waits twice as long, up to
// PREPARING_POLL_MAX_MS (a struggling hub is not asked by every open desk every 3 s); a signed-out
// or no-longer-allowed desk (401/403) stops asking and offers to sign in again.

/** How often the desk asks again while the signed agreement is being prepared. */
export const PREPARING_POLL_MS = 3000;
/** The longest wait between asks after failures (doubling from PREPARING_POLL_MS). */
export const PREPARING_POLL_MAX_MS = 30_000;
/** A poll that hangs this long counts as failed, so the page says so and asks again (with the backoff). */
export const PREPARING_ASK_LIMIT_MS = 15_000;

export const agreementDeskScript = `'use strict';
(function () {
  var main = document.getElementById('agreement');
  if (!main) return;
  var problem = document.getElementById('problem');
  var seq = Number(main.dataset.seq);
  function show(message) {
    problem.textContent = message;
    problem.hidden = false;
  }
  var failures = 0;
  function askPreparing(waitMs) {
    setTimeout(function () {
      fetch(main.dataset.stateUrl, { credentials: 'same-origin', headers: { accept: 'application/json' }, signal: AbortSignal.timeout(${PREPARING_ASK_LIMIT_MS}) }).then(function (res) {
        if (res.status === 401 || res.status === 403) return stopAsking(res.status === 401 ? main.dataset.sessionEnded : main.dataset.accessEnded);
        // the case gone from the caller's part: the page itself says so
        if (res.status === 404) return location.reload();
        if (!res.ok) return notChecked(waitMs);
        return res.json().then(function (state) {
          failures = 0;
          main.dataset.pollFailures = '0';
          problem.hidden = true; // answered again: an earlier refusal no longer holds
          if (state.preparing) return askPreparing(${PREPARING_POLL_MS});
          location.reload();
        });
      }).catch(function () { notChecked(waitMs); }); // offline, hung past the limit, or an answer that is not JSON
    }, waitMs);
  }
  function notChecked(waitMs) {
    var next = Math.min(waitMs * 2, ${PREPARING_POLL_MAX_MS});
    failures += 1;
    main.dataset.pollFailures = String(failures); // how many in a row: what a test waits for
    show(main.dataset.stateFailed.replace('{n}', String(Math.round(next / 1000))));
    askPreparing(next);
  }
  function stopAsking(message) {
    show(message + ' ');
    var link = document.createElement('a');
    link.href = main.dataset.signInUrl;
    link.textContent = main.dataset.signIn;
    problem.appendChild(link);
    main.dataset.pollStopped = 'true';
  }
  if (main.querySelector('[data-preparing]')) askPreparing(${PREPARING_POLL_MS});
  function post(url, body) {
    return fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(function (res) {
      if (res.ok) return location.reload();
      return res.json().then(function (b) {
        var issues = b && b.error && b.error.issues ? ' (' + b.error.issues.map(function (i) { return i.path; }).join(', ') + ')' : '';
        show((b && b.error ? b.error.message : 'HTTP ' + res.status) + issues);
      });
    }, function () { show(main.dataset.networkFailed); });
  }
  var form = document.getElementById('terms');
  if (form) {
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var texts = form.querySelectorAll('textarea[name="term"]');
      var dates = form.querySelectorAll('input[name="performBy"]');
      var terms = [];
      for (var i = 0; i < texts.length; i++) {
        var text = texts[i].value.trim();
        if (!text) continue;
        var term = { text: text };
        if (dates[i].value) term.performBy = dates[i].value;
        terms.push(term);
      }
      post(main.dataset.draftUrl, { facts: form.querySelector('#facts').value, terms: terms, expectedSeq: seq });
    });
  }
  var pad = document.querySelector('.pad');
  if (pad && window.SignaturePad) {
    var canvas = pad.querySelector('canvas');
    var signature = new window.SignaturePad(canvas, { minWidth: 1.5, maxWidth: 4, penColor: '#111' });
    function fit() {
      var ratio = Math.max(window.devicePixelRatio || 1, 1);
      canvas.width = canvas.offsetWidth * ratio;
      canvas.height = canvas.offsetHeight * ratio;
      canvas.getContext('2d').scale(ratio, ratio);
      signature.clear();
    }
    fit();
    pad.querySelector('[data-clear]').addEventListener('click', function () { signature.clear(); });
    pad.querySelector('[data-sign]').addEventListener('click', function () {
      if (signature.isEmpty()) return show(main.dataset.signFirst);
      var parts = pad.dataset.signer.split(':');
      var png = signature.toDataURL('image/png').split(',')[1];
      post(main.dataset.signUrl, { signer: { role: parts[0], index: Number(parts[1]) }, method: 'desk', imagePngBase64: png, expectedSeq: seq });
    });
    pad.dataset.ready = 'true'; // takes a signature from here on (what a test waits for before it signs)
  }
})();
`;
