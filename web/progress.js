/*
 * cdcf - a progress indicator for the forms that upload a file and make the
 * server work on it (a portfolio workbook or CSV, a framework or mapping
 * library). Loaded with `defer`, no inline script (the Content-Security-Policy
 * forbids it); without it the form submits and works as well.
 *
 *   <form data-progress data-progress-text="uploading and processing…">
 *
 * On submit (one the page lets through: not cancelled by a data-confirm or
 * the double-submit guard of app.js) an indeterminate <progress> and the
 * text, in the page's language, appear at the end of the form and its
 * submit buttons are disabled; the browser then submits as usual, so the
 * answer (a page, a refusal, a redirect) is shown as without JavaScript.
 */
(function () {
  'use strict';

  document.addEventListener('submit', function (ev) {
    var form = ev.target;
    if (!form.hasAttribute || !form.hasAttribute('data-progress')) return;
    /* after the other handlers: a cancelled submit shows nothing */
    window.setTimeout(function () {
      if (ev.defaultPrevented || form.querySelector('.upload-progress')) return;
      var text = form.getAttribute('data-progress-text') || '';
      var box = document.createElement('p');
      box.className = 'upload-progress';
      box.setAttribute('role', 'status');
      var bar = document.createElement('progress');
      bar.setAttribute('aria-label', text);
      box.appendChild(bar);
      box.appendChild(document.createTextNode(' ' + text));
      form.appendChild(box);
      /* disabled only now: the form's data (with the clicked button) is already taken */
      var buttons = form.querySelectorAll('button[type=submit], input[type=submit], button:not([type])');
      for (var i = 0; i < buttons.length; i++) buttons[i].disabled = true;
    }, 0);
  });
})();
