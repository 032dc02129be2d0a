# Shared helpers for the local stack scripts; sourced, not run.
# Settings come from the Makefile's environment (defaults here for direct use).

: "${STATE_DIR:=.local}"
: "${PG_PORT:=5499}"
: "${SQS_PORT:=9324}"
: "${DDB_PORT:=8000}"
: "${S3_PORT:=9090}"
: "${ENGRAM_PORT:=8080}"

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
mkdir -p "$STATE_DIR"
STATE_DIR="$(cd "$STATE_DIR" && pwd)"
RUN_DIR="$STATE_DIR/run"
LOG_DIR="$STATE_DIR/logs"
mkdir -p "$RUN_DIR" "$LOG_DIR"

say() { printf '==> %s\n' "$*" >&2; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Prints the last lines of a log file to stderr, framed.
log_tail() {
    local file="$1" lines="${2:-40}"
    [[ -f "$file" ]] || return 0
    printf -- '---- last %s lines of %s ----\n' "$lines" "$file" >&2
    tail -n "$lines" "$file" >&2
    printf -- '----\n' >&2
}

# True when something accepts TCP connections on 127.0.0.1:port.
port_open() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Live pid from a pid file, or nothing.
pid_alive() {
    local file="$1" pid
    [[ -f "$file" ]] || return 1
    pid="$(cat "$file" 2>/dev/null)"
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && printf '%s\n' "$pid"
}

# Sends SIGTERM to the process of a pid file and waits for it to go; SIGKILL after the timeout.
stop_pid_file() {
    local file="$1" name="$2" timeout="${3:-20}" pid i
    if ! pid="$(pid_alive "$file")"; then
        rm -f "$file"
        return 0
    fi
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < timeout * 10; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        warn "$name (pid $pid) did not stop in ${timeout}s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$file"
    say "$name stopped"
}

# Runs a command as root: directly when root, else through sudo.
as_root() {
    if [[ "$(id -u)" -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "root is needed for: $* (no sudo)"
    fi
}

# The java launcher of the JDK the Makefile chose.
java_bin() {
    if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
        printf '%s\n' "$JAVA_HOME/bin/java"
    else
        die "JAVA_HOME is not set to a JDK >= 21 (run through make, which picks one)"
    fi
}

java_major() {
    "$(java_bin)" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java.specification.version = //p' | sed 's/^1\.//; s/\..*//'
}
