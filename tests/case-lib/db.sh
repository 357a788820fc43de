# The case's database, on whichever engine holds it ($CDCF_DB: a file, or postgres://...):
#   db_dump        every row of every table, in a stable text (compared before and after a
#                  refusal: "database unchanged")
#   db_sql 'SQL'   the rows of a query as a|b|c lines, NULL as nothing (as the sqlite3 shell)
is_pg() { case "$CDCF_DB" in postgres://* | postgresql://*) return 0 ;; *) return 1 ;; esac; }
db_dump() {
	if is_pg; then
		# rows only: a sequence a refused insert advanced is not data; pg_dump's note that
		# organizations refer to themselves (parent) is not a problem of the test
		# fails (status 1) when pg_dump does, as the sqlite3 shell's .dump would
		db_err=$(mktemp)
		{ pg_dump --data-only --inserts --no-owner "$CDCF_DB" 2>"$db_err" || echo failed >"$db_err.st"; } |
			grep -v -e '^--' -e '^SET ' -e '^SELECT pg_catalog' -e '^\\restrict' -e '^\\unrestrict' -e '^$'
		grep -v -e 'circular foreign-key' -e '^pg_dump: detail: organizations$' \
			-e '^pg_dump: hint: ' "$db_err" >&2
		db_failed=0
		[ -e "$db_err.st" ] && db_failed=1
		rm -f "$db_err" "$db_err.st"
		return $db_failed
	else
		sqlite3 "$CDCF_DB" .dump
	fi
}
db_sql() {
	if is_pg; then
		psql -q -X -At -F '|' -d "$CDCF_DB" -c "$1"
	else
		sqlite3 "$CDCF_DB" "$1"
	fi
}
