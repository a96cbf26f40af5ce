// The desk page's one script (served as /console/agreement.js; the page's CSP allows only its own
// origin's scripts): the terms form and the signature pad post JSON to the court API with the
// staff session cookie, then the page is loaded again to show the case as it is now. A refusal is
// shown in the page's alert in the console's words, which the hub gives for the refusal's status,
// code and fields (agreementPagePaths.refusal: the console's one rule, console/notice.ts), never the
// API's English; what was typed or drawn stays; nothing is retried on its own. What the script
// says on its own it takes from the page's data-* texts, in the console's language. While the signed
// agreement is being prepared (after the last signature), the desk asks every few seconds only
// whether it still is (no text: not an audited view), and loads the page again once it is not —
// so one look at the desk is one audited view, however long the drawing takes. A failed ask is
// said in the console's words (the page's data-* texts) and the next waits twice as long, up to
// PREPARING_POLL_MAX_MS (a struggling hub is not asked by every open desk every 3 s). A signed-out
// desk (401) stops asking and offers to sign in again; a 403 is the person's role, not their session
// (a role change ends the sessions: server/staff/accountStore.ts), so it is said as the role's refusal
// (the poll stops; a post's refusal is worded as any other) and signing in again is not offered —
// unless it is a password still to change (PASSWORD_CHANGE_REQUIRED): then the way to its page.
// The poll's 403 is a safeguard: the poll asks for what the page itself needed (the case's
// agreement.viewed), and a role change or a password reset ends the session first; tested with the
// account changed under a live session (tests/e2e/agreementDesk.test.ts).

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
        if (res.status === 401) return stopAsking(main.dataset.sessionEnded, signInLink());
        if (res.status === 403) return refusedPolling(res); // a safeguard: see the header
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
  function signInLink() { return { href: main.dataset.signInUrl, text: main.dataset.signIn }; }
  function refusedPolling(res) {
    return res.json().catch(function () { return null; }).then(function (b) {
      var password = b && b.error && b.error.code === 'PASSWORD_CHANGE_REQUIRED';
      if (password) return stopAsking(main.dataset.passwordRefused, { href: main.dataset.passwordUrl, text: main.dataset.changePassword });
      stopAsking(main.dataset.roleRefused, null);
    });
  }
  function stopAsking(message, link) {
    show(message + ' ');
    main.dataset.pollStopped = 'true';
    if (link) addLink(link);
  }
  function addLink(link) {
    var a = document.createElement('a');
    a.href = link.href;
    a.textContent = link.text;
    problem.appendChild(a);
  }
  if (main.querySelector('[data-preparing]')) askPreparing(${PREPARING_POLL_MS});
  function refused(action, status, error) {
    var q = new URLSearchParams({ action: action, status: String(status), code: (error && error.code) || '', issues: JSON.stringify((error && error.issues) || []) });
    if (error && error.date) q.set('date', error.date);
    return fetch(main.dataset.refusalUrl + '?' + q.toString(), { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (res) { return res.json(); })
      // no words (signed out meanwhile, or a refusal it cannot say): the network's words, never "undefined"
      .then(function (said) {
        show(said && said.text ? said.text : main.dataset.networkFailed);
        if (said && said.link) addLink(said.link); // a password to change: its page
        main.dataset.refused = String(status);
      })
      .catch(function () { show(main.dataset.networkFailed); });
  }
  function post(action, url, body) {
    return fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(function (res) {
      if (res.ok) return location.reload();
      // signed out: as the polling says it, with a sign-in that comes back here (a 403, the role's refusal, is worded below)
      if (res.status === 401) return stopAsking(main.dataset.sessionEnded, signInLink());
      return res.json().then(function (b) { return refused(action, res.status, b && b.error); }, function () { return refused(action, res.status, null); });
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
      post('draft', main.dataset.draftUrl, { facts: form.querySelector('#facts').value, terms: terms, expectedSeq: seq });
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
      post('sign', main.dataset.signUrl, { signer: { role: parts[0], index: Number(parts[1]) }, method: 'desk', imagePngBase64: png, expectedSeq: seq });
    });
    pad.dataset.ready = 'true'; // takes a signature from here on (what a test waits for before it signs)
  }
})();
`;
