# shellcheck shell=bash
# Shared helpers of the benchmarks that load `cdcf serve` with wrk against nginx serving the
# same bytes (bench/http/run.sh, bench/scale/versus_nginx.sh). Sourced after bench/lib.sh;
# the caller sets W (its work directory), DURATION, THREADS, CONNECTIONS and NGINX_WORKERS,
# and stops $NGINX_PID at the end (kill -QUIT).

# wait_http URL: until it answers (at most ~10 s)
wait_http() {
	for _ in $(seq 1 100); do
		curl -s -o /dev/null "$1" && return 0
		sleep 0.1
	done
	return 1
}

# sign_in_one URL PASSWORD: sign user "one" in at URL (a server, or nginx before servers);
# sets cookie (a "Cookie: ..." header) and org (the id of Org 000001, the one it edits).
sign_in_one() {
	local jar=$W/jar csrf
	csrf=$(curl -s -c "$jar" -b "$jar" "$1/login" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
	curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode name=one --data-urlencode "password=$2" \
		--data-urlencode "csrf=$csrf" "$1/login"
	cookie="Cookie: $(awk '$6 == "cdcf_session" {print $6 "=" $7}' "$jar")"
	org=$(curl -s -H "$cookie" "$1/orgs?q=Org%20000001" | grep -o 'href="/o/[0-9]*">Org 0*1<' | grep -o '[0-9]\+' | head -1)
}

# nginx_serve: nginx in the foreground serving $W/nginx/www (the caller's files) on a free
# loopback port, with a temporary prefix; sets NGINX_PID and NGINX_URL.
nginx_serve() {
	local port conf=$W/nginx/nginx.conf
	mkdir -p "$W/nginx/www" "$W/nginx/tmp"
	chmod 755 "$W" # nginx's workers run as an unprivileged user and read the files under it
	chmod -R a+rX "$W/nginx"
	port=$(free_port)
	nginx_conf "$port" 1 >"$conf"
	if ! nginx -t -q -e "$W/nginx/error.log" -p "$W/nginx" -c "$conf" 2>/dev/null; then
		nginx_conf "$port" 0 >"$conf"
	fi
	nginx -e "$W/nginx/error.log" -p "$W/nginx" -c "$conf" &
	NGINX_PID=$!
	NGINX_URL=http://127.0.0.1:$port
	wait_http "$NGINX_URL/" || { cat "$W/nginx/error.log" >&2; echo "bench: nginx did not come up" >&2; return 1; }
}

nginx_conf() { # $1 port, $2: 1 to set every temp path, 0 for the client body one only
	cat <<CONF
worker_processes $NGINX_WORKERS;
daemon off;
master_process on;
pid $W/nginx/nginx.pid;
error_log $W/nginx/error.log warn;
events { worker_connections 1024; }
http {
	types { text/html html; application/json json; }
	default_type application/octet-stream;
	access_log off;
	sendfile on;
	tcp_nopush on;
	keepalive_requests 1000000;
	client_body_temp_path $W/nginx/tmp/body;
CONF
	[ "$2" = 1 ] && cat <<CONF
	proxy_temp_path $W/nginx/tmp/proxy;
	fastcgi_temp_path $W/nginx/tmp/fastcgi;
	uwsgi_temp_path $W/nginx/tmp/uwsgi;
	scgi_temp_path $W/nginx/tmp/scgi;
CONF
	cat <<CONF
	server {
		listen 127.0.0.1:$1;
		root $W/nginx/www;
	}
}
CONF
}

# tree_rss_kb PID: RSS of the process and its children (nginx: master + workers), KiB
tree_rss_kb() {
	local t=0 p
	for p in "$1" $(ps --ppid "$1" -o pid= 2>/dev/null); do
		t=$((t + $(awk '/^VmRSS:/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)))
	done
	echo "$t"
}

lat_ms() { # wrk's "1.23ms" / "456.00us" / "1.01s" -> ms
	awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
		if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000;
		printf "%.2f", n }'
}

# wrk_load NAME PID URL [HEADER...]: wrk for DURATION while sampling the server's RSS every
# 0.2 s; the results in RPS, P50, P99, ERRS, REST, PEAK [NAME] (declare -A them first).
wrk_load() {
	local name=$1 pid=$2 url=$3 out=$W/wrk-$1.txt max wpid r h
	local -a hdr=()
	shift 3
	for h in "$@"; do hdr+=(-H "$h"); done
	REST[$name]=$(tree_rss_kb "$pid")
	wrk -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" --latency "${hdr[@]}" "$url" >"$out" 2>&1 &
	wpid=$!
	max=0
	while kill -0 "$wpid" 2>/dev/null; do
		r=$(tree_rss_kb "$pid")
		[ "$r" -gt "$max" ] && max=$r
		sleep 0.2
	done
	wait "$wpid" || { echo "bench: wrk failed: $(cat "$out")" >&2; return 1; }
	PEAK[$name]=$max
	RPS[$name]=$(awk '/^Requests\/sec:/ {print $2}' "$out")
	P50[$name]=$(lat_ms "$(awk '$1 == "50%" {print $2}' "$out")")
	P99[$name]=$(lat_ms "$(awk '$1 == "99%" {print $2}' "$out")")
	ERRS[$name]=$(awk '/Non-2xx/ {n += $NF} /Socket errors/ {gsub(/,/, ""); n += $4 + $6 + $8 + $10} END {print n + 0}' "$out")
}
