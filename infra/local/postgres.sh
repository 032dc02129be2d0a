#!/usr/bin/env bash
# The project's own PostgreSQL 15 cluster: data in $STATE_DIR/pg/data, socket in $STATE_DIR/pg/run,
# TCP on 127.0.0.1:$PG_PORT. Role and database "engram" (password "engram"), pgvector created in it.
#   postgres.sh up | down | status | running
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PG_BIN="/usr/lib/postgresql/15/bin"
PG_ROOT="$STATE_DIR/pg"
DB_NAME=engram
DB_USER=engram
DB_PASSWORD=engram

# PostgreSQL refuses to run as root: as root, the cluster belongs to the "postgres" OS user the package creates.
if [[ "$(id -u)" -eq 0 ]]; then
    PG_OS_USER=postgres
    id "$PG_OS_USER" >/dev/null 2>&1 || die "OS user '$PG_OS_USER' missing (is postgresql-15 installed? run: make deps)"
    as_pg() { (cd / && runuser -u "$PG_OS_USER" -- "$@"); }
else
    PG_OS_USER="$(id -un)"
    as_pg() { "$@"; }
fi

# The cluster lives under the state dir when the cluster's OS user can reach it; otherwise (e.g. a checkout under
# a private home directory) in a per-checkout directory under /var/tmp, linked from the state dir.
resolve_dirs() {
    local fallback
    mkdir -p "$PG_ROOT"
    if [[ -L "$PG_ROOT/cluster" ]]; then
        PG_HOME="$(readlink -f "$PG_ROOT/cluster")"
    elif as_pg test -x "$PG_ROOT" && (( ${#PG_ROOT} < 80 )); then
        PG_HOME="$PG_ROOT"
    else
        fallback="/var/tmp/engram-pg-$(printf '%s' "$PG_ROOT" | sha1sum | cut -c1-12)"
        warn "the '$PG_OS_USER' user cannot use $PG_ROOT; keeping the cluster in $fallback"
        mkdir -p "$fallback"
        ln -sfn "$fallback" "$PG_ROOT/cluster"
        PG_HOME="$fallback"
    fi
    PGDATA="$PG_HOME/data"
    PG_SOCKET_DIR="$PG_HOME/run"
    if [[ "$PG_HOME" == "$PG_ROOT" ]]; then
        PG_LOG="$LOG_DIR/postgres.log"
    else
        PG_LOG="$PG_HOME/postgres.log"
        ln -sfn "$PG_LOG" "$LOG_DIR/postgres.log"
    fi
}

ensure_installed() {
    [[ -x "$PG_BIN/pg_ctl" ]] || die "PostgreSQL 15 is not installed (run: make deps)"
    [[ -f "/usr/share/postgresql/15/extension/vector.control" ]] || die "pgvector is not installed (run: make deps)"
}

running() {
    [[ -f "$PGDATA/PG_VERSION" ]] && as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1
}

psql_admin() {
    as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U postgres "$@"
}

init_cluster() {
    [[ -f "$PGDATA/PG_VERSION" ]] && return 0
    say "creating the PostgreSQL cluster in $PGDATA"
    mkdir -p "$PGDATA" "$PG_SOCKET_DIR"
    if [[ "$(id -u)" -eq 0 ]]; then
        chown "$PG_OS_USER": "$PG_HOME" "$PGDATA" "$PG_SOCKET_DIR"
    fi
    chmod 700 "$PGDATA"
    # Admin over the unix socket only (trust, for the cluster's OS user); TCP needs a password.
    as_pg "$PG_BIN/initdb" -D "$PGDATA" -U postgres -E UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=scram-sha-256 >"$LOG_DIR/initdb.log" 2>&1 \
        || { log_tail "$LOG_DIR/initdb.log"; die "initdb failed"; }
}

# pg_stat_statements is loaded so that `make bench` can say which statements took the time and read the blocks
# (it is created only in the databases that ask for it).
PG_EXTRA_OPTS="-c shared_preload_libraries=pg_stat_statements"

start_cluster() {
    touch "$PG_LOG"
    if [[ "$(id -u)" -eq 0 ]]; then
        chown "$PG_OS_USER": "$PG_LOG" "$PG_SOCKET_DIR"
    fi
    if port_open "$PG_PORT"; then
        die "port $PG_PORT is taken by another process (set PG_PORT=...)"
    fi
    as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$PG_LOG" -w -t 60 \
        -o "-c port=$PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='$PG_SOCKET_DIR' $PG_EXTRA_OPTS" \
        start >/dev/null \
        || { log_tail "$PG_LOG"; die "PostgreSQL did not start"; }
}

provision() {
    # The role may create extensions (pgvector is not a trusted extension); local use only.
    psql_admin -d postgres <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DB_USER') THEN
    CREATE ROLE $DB_USER LOGIN SUPERUSER PASSWORD '$DB_PASSWORD';
  ELSE
    ALTER ROLE $DB_USER LOGIN SUPERUSER PASSWORD '$DB_PASSWORD';
  END IF;
END
\$\$;
SQL
    if [[ "$(psql_admin -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" != "1" ]]; then
        psql_admin -d postgres -c "CREATE DATABASE $DB_NAME OWNER $DB_USER"
    fi
    psql_admin -d "$DB_NAME" -c "CREATE EXTENSION IF NOT EXISTS vector" 2>/dev/null
}

up() {
    ensure_installed
    resolve_dirs
    init_cluster
    if running; then
        say "PostgreSQL already running on 127.0.0.1:$PG_PORT"
    else
        start_cluster
        say "PostgreSQL on 127.0.0.1:$PG_PORT (data $PGDATA)"
    fi
    provision
}

down() {
    [[ -x "$PG_BIN/pg_ctl" ]] || return 0
    resolve_dirs
    if running; then
        as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w -t 60 stop >/dev/null
        say "PostgreSQL stopped"
    fi
}

status() {
    resolve_dirs
    if running; then echo "postgres: running on 127.0.0.1:$PG_PORT"; else echo "postgres: stopped"; fi
}

case "${1:-}" in
    up) up ;;
    down) down ;;
    status) status ;;
    running) resolve_dirs; running ;;
    *) die "usage: $0 up|down|status" ;;
esac
