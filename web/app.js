/*
 * cdcf - small enhancements only. Every page works without this file:
 * forms submit normally, links are links. Loaded with `defer`, no inline
 * script anywhere (the Content-Security-Policy forbids it).
 *
 *   data-confirm="Delete this action?"   on a form, a button or a link:
 *                                        ask before going on
 *   data-autosubmit                      on a select/checkbox/radio (or its
 *                                        form): submit the form on change;
 *                                        elements with class "js-hide"
 *                                        (the fallback submit button) hide
 *   data-copy="#id"                      on a button: copy the text of #id
 *                                        (an API token shown once)
 *   forms are guarded against a double submit by a second click
 */
(function () {
  'use strict';

  document.documentElement.classList.add('js');

  function confirmed(el) {
    var msg = el && el.getAttribute('data-confirm');
    return !msg || window.confirm(msg);
  }

  document.addEventListener('click', function (ev) {
    var el = ev.target.closest('a[data-confirm], button[data-confirm], input[type=submit][data-confirm]');
    if (el && !confirmed(el)) {
      ev.preventDefault();
      ev.stopPropagation();
    }
  }, true);

  document.addEventListener('submit', function (ev) {
    var form = ev.target;
    if (form.hasAttribute('data-confirm') && !confirmed(form)) {
      ev.preventDefault();
      return;
    }
    if (form.getAttribute('data-submitting') === '1') {
      ev.preventDefault();
      return;
    }
    form.setAttribute('data-submitting', '1');
    /* let the user try again if the page stays (download, back button) */
    window.setTimeout(function () { form.removeAttribute('data-submitting'); }, 4000);
  });

  document.addEventListener('change', function (ev) {
    var el = ev.target;
    if (!el.form || !(el.hasAttribute('data-autosubmit') || el.form.hasAttribute('data-autosubmit'))) {
      return;
    }
    if (el.matches('input[type=text], input[type=number], input[type=date], textarea')) {
      return; /* typing is not choosing: those keep their explicit button */
    }
    if (typeof el.form.requestSubmit === 'function') {
      el.form.requestSubmit();
    } else {
      el.form.submit();
    }
  });

  document.addEventListener('click', function (ev) {
    var btn = ev.target.closest('button[data-copy]');
    var src, text;
    if (!btn) {
      return;
    }
    src = document.querySelector(btn.getAttribute('data-copy'));
    if (!src || !navigator.clipboard) {
      return;
    }
    ev.preventDefault();
    text = 'value' in src ? src.value : src.textContent;
    navigator.clipboard.writeText(text.trim()).then(function () {
      btn.setAttribute('data-copied', '1');
      window.setTimeout(function () { btn.removeAttribute('data-copied'); }, 2000);
    });
  });
}());
