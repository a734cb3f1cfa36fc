#!/usr/bin/env bash
# A throw-away PostgreSQL server for the test suite.
#
# Two ways to use it:
#   source .ci/postgres.sh; start_pg; make test; stop_pg
#       start_pg exports SITREP_TEST_PG_URL (postgresql://postgres@127.0.0.1:PORT/sitrep_test);
#       stop_pg stops the server and deletes its data directory.
#   .ci/postgres.sh make test
#       runs the command with a server up and stops it afterwards, whatever the exit status.
#
# It installs Debian's postgresql package when no initdb/pg_ctl is found (needs root and
# apt), creates a cluster in a temporary directory owned by the postgres user (initdb
# refuses to run as root), listens on a free local port only, and trusts local
# connections (the server is reachable from this machine alone and lives for one run).

_pg_bindir() {
    local d
    for d in /usr/lib/postgresql/*/bin; do
        [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
    done
    command -v pg_ctl >/dev/null 2>&1 && { dirname "$(readlink -f "$(command -v pg_ctl)")"; return 0; }
    return 1
}

_pg_as() {  # run a command as the server's owner
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

_pg_free_port() {
    python3 - <<'EOF'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
EOF
}

install_pg() {
    _pg_bindir >/dev/null && return 0
    echo "postgres.sh: installing postgresql from Debian's packages" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
}

start_pg() {
    install_pg || { echo "postgres.sh: cannot install postgresql" >&2; return 1; }
    local bin port dir
    bin="$(_pg_bindir)" || { echo "postgres.sh: no pg_ctl found" >&2; return 1; }
    dir="$(mktemp -d /tmp/sitrep-pg.XXXXXX)"
    chmod 755 "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    port="$(_pg_free_port)"
    _pg_as "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; return 1; }
    _pg_as "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100" \
        start >/dev/null || { cat "$dir/server.log" >&2; return 1; }
    "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres sitrep_test \
        || { stop_pg; return 1; }
    export SITREP_PG_DIR="$dir" SITREP_PG_BIN="$bin"
    export SITREP_TEST_PG_URL="postgresql://postgres@127.0.0.1:$port/sitrep_test"
    echo "postgres.sh: server up, SITREP_TEST_PG_URL=$SITREP_TEST_PG_URL" >&2
}

stop_pg() {
    [ -n "${SITREP_PG_DIR:-}" ] || return 0
    _pg_as "$SITREP_PG_BIN/pg_ctl" -D "$SITREP_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$SITREP_PG_DIR"
    unset SITREP_PG_DIR SITREP_PG_BIN SITREP_TEST_PG_URL
}

# Executed rather than sourced: run "$@" with a server up.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -uo pipefail
    [ $# -gt 0 ] || { echo "usage: .ci/postgres.sh COMMAND [ARG...]" >&2; exit 2; }
    start_pg || exit 1
    trap stop_pg EXIT
    "$@"
    exit $?
fi
