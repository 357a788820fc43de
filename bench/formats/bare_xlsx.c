/*
 * bare_xlsx.c - the floor for bench/formats/run.sh: libxlsxwriter writing
 * ROWS x COLS cells on one sheet and nothing else (no validation, formats,
 * charts or other sheets), every other column a string, the rest numbers,
 * as a portfolio table mixes them.
 *
 *   cc -O2 -o bare_xlsx bare_xlsx.c -lxlsxwriter
 *   ./bare_xlsx OUT.xlsx ROWS COLS
 */
#include <stdio.h>
#include <stdlib.h>

#include <xlsxwriter.h>

int main(int argc, char **argv)
{
	lxw_workbook *wb;
	lxw_worksheet *ws;
	char text[64];
	long rows, cols, r, c;

	if (argc != 4 || (rows = atol(argv[2])) <= 0 || (cols = atol(argv[3])) <= 0) {
		fprintf(stderr, "usage: bare_xlsx OUT.xlsx ROWS COLS\n");
		return 2;
	}
	wb = workbook_new(argv[1]);
	ws = wb ? workbook_add_worksheet(wb, "Sheet1") : NULL;
	if (!ws)
		return 1;
	for (r = 0; r < rows; r++)
		for (c = 0; c < cols; c++) {
			if (c % 2) {
				worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c,
						       (double)((r + c) % 5), NULL);
			} else {
				snprintf(text, sizeof(text), "cell %ld-%ld", r, c);
				worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, text, NULL);
			}
		}
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}
