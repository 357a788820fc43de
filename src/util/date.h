/*
 * date.h - calendar dates as cdcf stores them: "YYYY-MM-DD" text in the
 * proleptic Gregorian calendar, no time and no time zone (a planned date is
 * a day, not an instant). Pure functions, no clock: callers take "today"
 * from store_now(), which tests pin with CDCF_NOW.
 */
#ifndef CDCF_DATE_H
#define CDCF_DATE_H

#define DATE_LEN 10 /* "YYYY-MM-DD" without the terminating NUL */

/* Is s exactly "YYYY-MM-DD" naming a day that exists (year 0001-9999, month
 * 01-12, day within the month, 29 February only in leap years)? NULL is not. */
int date_valid(const char *s);

/* Days from a to b (negative when b is before a); both must be date_valid. */
long date_days_between(const char *a, const char *b);

#endif
