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
 *   data-dirty-warn                      on a form: warn before leaving the
 *                                        page while its controls differ from
 *                                        what the page showed (not when the
 *                                        form itself is being submitted)
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

  /* Does a control of form differ from what the page was served with? */
  function dirty(form) {
    var els = form.elements, i, j, el, def;
    for (i = 0; i < els.length; i++) {
      el = els[i];
      if (el.disabled || el.type === 'hidden' || el.type === 'submit' || el.type === 'button') {
        continue;
      }
      if (el.type === 'checkbox' || el.type === 'radio') {
        if (el.checked !== el.defaultChecked) {
          return true;
        }
      } else if (el.tagName === 'SELECT') {
        /* without a selected attribute a single select shows its first option */
        def = el.multiple ? -1 : 0;
        for (j = 0; j < el.options.length; j++) {
          if (el.options[j].defaultSelected) {
            def = j;
            break;
          }
        }
        if (el.multiple) {
          for (j = 0; j < el.options.length; j++) {
            if (el.options[j].selected !== el.options[j].defaultSelected) {
              return true;
            }
          }
        } else if (el.selectedIndex !== def) {
          return true;
        }
      } else if ('defaultValue' in el && el.value !== el.defaultValue) {
        return true;
      }
    }
    return false;
  }

  var leaving = null; /* the form being submitted: its changes are on their way */

  window.addEventListener('beforeunload', function (ev) {
    var forms = document.querySelectorAll('form[data-dirty-warn]'), i;
    for (i = 0; i < forms.length; i++) {
      if (forms[i] !== leaving && dirty(forms[i])) {
        ev.preventDefault();
        ev.returnValue = ''; /* older browsers need a value to show their dialog */
        return '';
      }
    }
    return undefined;
  });

  /* back from the bfcache: the page is live again */
  window.addEventListener('pageshow', function () { leaving = null; });

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
    leaving = form;
    form.setAttribute('data-submitting', '1');
    /* let the user try again if the page stays (download, back button) */
    window.setTimeout(function () {
      form.removeAttribute('data-submitting');
      if (leaving === form) {
        leaving = null;
      }
    }, 4000);
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
