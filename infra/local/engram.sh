#!/usr/bin/env bash
# Engram itself (target/quarkus-app) in the background, for `make up` / `make down`.
#   engram.sh up | down | status
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

APP_JAR="$REPO_ROOT/target/quarkus-app/quarkus-run.jar"
PID_FILE="$RUN_DIR/engram.pid"
LOG="$LOG_DIR/engram.log"
READY_TIMEOUT="${ENGRAM_READY_TIMEOUT:-120}"
READY_URL="http://localhost:$ENGRAM_PORT/q/health/ready"

up() {
    local pid code i
    if pid="$(pid_alive "$PID_FILE")"; then
        say "Engram already running (pid $pid) at http://localhost:$ENGRAM_PORT"
        return 0
    fi
    [[ -f "$APP_JAR" ]] || die "$APP_JAR is missing (run: make build)"
    port_open "$ENGRAM_PORT" && die "port $ENGRAM_PORT is taken by another process (set ENGRAM_PORT=...)"
    : >"$LOG"
    (cd "$REPO_ROOT" && exec setsid "$(java_bin)" -jar "$APP_JAR" >>"$LOG" 2>&1 </dev/null) &
    pid=$!
    echo "$pid" >"$PID_FILE"
    say "Engram starting (pid $pid), log $LOG"
    for ((i = 0; i < READY_TIMEOUT * 2; i++)); do
        code="$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$READY_URL" || true)"
        if [[ "$code" == "200" ]]; then
            say "Engram ready at http://localhost:$ENGRAM_PORT"
            return 0
        fi
        if ! kill -0 "$pid" 2>/dev/null; then
            rm -f "$PID_FILE"
            log_tail "$LOG" 60
            die "Engram exited during start"
        fi
        sleep 0.5
    done
    log_tail "$LOG" 60
    stop_pid_file "$PID_FILE" "Engram" 20
    die "Engram not ready after ${READY_TIMEOUT}s ($READY_URL answered ${code:-nothing})"
}

down() {
    stop_pid_file "$PID_FILE" "Engram" 30
}

status() {
    local pid
    if pid="$(pid_alive "$PID_FILE")"; then echo "engram: running (pid $pid)"; else echo "engram: stopped"; fi
}

case "${1:-}" in
    up) up ;;
    down) down ;;
    status) status ;;
    *) die "usage: $0 up|down|status" ;;
esac
