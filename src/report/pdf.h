/*
 * pdf.h - the HTML report printed to PDF by headless Chromium.
 *
 * The HTML report (report_model_render(..., REPORT_HTML, ...)) is the one
 * source of the PDF: its print CSS sets A4 pages, page breaks between the
 * sections and table headings repeated on each page. report_pdf() writes it
 * to a fresh private temporary directory, runs Debian's `chromium` there with
 * a fixed argument list (posix_spawn, no shell, a fresh --user-data-dir, no
 * network), waits at most PDF_TIMEOUT_SECONDS, reads the PDF it printed and
 * removes the directory:
 *
 *   struct buf pdf;
 *   buf_init(&pdf, PDF_MAX_BYTES);
 *   if (report_pdf(html.data, html.len, &pdf, &e))
 *           return cli_fail(&e);   // e.g. "chromium is not installed ..."
 */
#ifndef CDCF_REPORT_PDF_H
#define CDCF_REPORT_PDF_H

#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

/* Ceiling of one printed PDF, and how long Chromium may take to print it. */
#define PDF_MAX_BYTES ((size_t)64 << 20)
#define PDF_TIMEOUT_SECONDS 60

/* The program looked up in PATH. */
#define PDF_CHROMIUM "chromium"
#define PDF_MIME "application/pdf"

/* 1 when PDF_CHROMIUM is an executable file in PATH, else 0. */
int pdf_available(void);

/*
 * Print the HTML document html (len bytes) to PDF and append the PDF to out.
 * Fails with ERR_INVALID on field "format" when chromium is not installed
 * (the format cannot be made here; the message names the Debian packages), ERR_IO when it cannot
 * run, does not finish within PDF_TIMEOUT_SECONDS (it is then killed with every process it started)
 * or prints no PDF, ERR_TOO_LARGE past PDF_MAX_BYTES or out->max. On failure out is left as it was
 * and e (which may be NULL) says why; the temporary directory is removed in every case.
 */
int report_pdf(const char *html, size_t len, struct buf *out, struct err *e);

#endif
