/*
 * date.h - calendar dates as cdcf stores them: "YYYY-MM-DD" text in the
 * proleptic Gregorian calendar, no time and no time zone (a planned date is
 * a day, not an instant). Pure functions, no clock: callers take "today"
 * from store_now(), which tests pin with CDCF_NOW.
 */
#ifndef CDCF_DATE_H
#define CDCF_DATE_H

#define DATE_LEN 10	/* "YYYY-MM-DD" without the terminating NUL */
#define DATETIME_LEN 20 /* "YYYY-MM-DDTHH:MM:SSZ" without the terminating NUL */

/* The years a recorded time (created_at, opened_at, ...) may fall in: cdcf's
 * clock starts at the Unix epoch, and the text form has four year digits. */
#define DATETIME_YEAR_MIN 1970
#define DATETIME_YEAR_MAX 9999

/* Is s exactly "YYYY-MM-DD" naming a day that exists (year 0001-9999, month
 * 01-12, day within the month, 29 February only in leap years)? NULL is not. */
int date_valid(const char *s);

/* Is s exactly "YYYY-MM-DDTHH:MM:SSZ" (UTC, as store_now writes it) naming a
 * real instant: a date_valid day in years DATETIME_YEAR_MIN-DATETIME_YEAR_MAX,
 * hour 00-23, minute and second 00-59? NULL is not. */
int datetime_valid(const char *s);

/* Days from a to b (negative when b is before a); both must be date_valid. */
long date_days_between(const char *a, const char *b);

#endif
