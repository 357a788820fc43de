# shellcheck shell=bash
# Where a script test's database lives, on either engine (sourced by server_workdir.sh; a
# test without a server sources it after making its work directory W):
#   new_db NAME   the file $W/NAME; with CDCF_TEST_PG (the folder of a server of
#                 tests/pg/server.sh) the URL of a new database on that PostgreSQL server
#   db_dump, db_sql 'SQL'   the rows of $CDCF_DB on either engine (tests/case-lib/db.sh)
. "$(dirname "${BASH_SOURCE[0]}")/../../case-lib/db.sh"
new_db() {
	if [ -n "${CDCF_TEST_PG:-}" ]; then
		"$(dirname "${BASH_SOURCE[0]}")/../../pg/server.sh" newdb "$CDCF_TEST_PG"
	else
		echo "$W/$1"
	fi
}
