#include "util/date.h"

#include <string.h>

static int leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return m == 2 && leap(y) ? 29 : days[m - 1];
}

/* The n digits at s as a number, or -1 if one is not a digit. */
static int digits(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int date_valid(const char *s)
{
	int y, m, d;

	if (!s || strlen(s) != DATE_LEN || s[4] != '-' || s[7] != '-')
		return 0;
	y = digits(s, 4);
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < 1 || m < 1 || m > 12 || d < 1)
		return 0;
	return d <= month_days(y, m);
}

int datetime_valid(const char *s)
{
	char day[DATE_LEN + 1];
	int y, h, m, sec;

	if (!s || strlen(s) != DATETIME_LEN || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
	    s[19] != 'Z')
		return 0;
	memcpy(day, s, DATE_LEN);
	day[DATE_LEN] = '\0';
	y = digits(s, 4);
	h = digits(s + 11, 2);
	m = digits(s + 14, 2);
	sec = digits(s + 17, 2);
	return date_valid(day) && y >= DATETIME_YEAR_MIN && y <= DATETIME_YEAR_MAX && h >= 0 &&
	       h <= 23 && m >= 0 && m <= 59 && sec >= 0 && sec <= 59;
}

/* A day number of a valid date: consecutive days have consecutive numbers.
 * Years start in March so that 29 February is the last day of its year. */
static long day_number(const char *s)
{
	long y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);

	if (m <= 2)
		y--;
	m = m > 2 ? m - 3 : m + 9;
	return y * 365 + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + d - 1;
}

long date_days_between(const char *a, const char *b)
{
	return day_number(b) - day_number(a);
}
