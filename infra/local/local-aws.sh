#!/usr/bin/env bash
# The local AWS stand-ins (infra/local-aws: ElasticMQ, DynamoDB Local, s3proxy) in one background JVM.
#   local-aws.sh build | up | down | status | running
# Env: SQS_PORT, DDB_PORT, S3_PORT, STATE_DIR, LOCAL_AWS_IN_MEMORY=true (keep nothing on disk).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PROJECT="$REPO_ROOT/infra/local-aws"
TARGET="$PROJECT/target"
JAR="$TARGET/engram-local-aws-0.1.0-SNAPSHOT.jar"
CLASSPATH_FILE="$TARGET/classpath.txt"
PID_FILE="$RUN_DIR/local-aws.pid"
LOG="$LOG_DIR/local-aws.log"
READY_TIMEOUT="${LOCAL_AWS_TIMEOUT:-90}"

up_to_date() {
    [[ -f "$JAR" && -f "$CLASSPATH_FILE" ]] || return 1
    [[ -z "$(find "$PROJECT/pom.xml" "$PROJECT/src" -newer "$JAR" -print -quit)" ]] || return 1
    local entry
    IFS=: read -r -a entries <"$CLASSPATH_FILE"
    for entry in "${entries[@]}"; do
        [[ -f "$entry" ]] || return 1
    done
}

build() {
    up_to_date && return 0
    say "building infra/local-aws"
    (cd "$REPO_ROOT" && ./mvnw -B -q -f infra/local-aws/pom.xml package) >"$LOG_DIR/local-aws-build.log" 2>&1 \
        || { log_tail "$LOG_DIR/local-aws-build.log"; die "infra/local-aws build failed"; }
}

up() {
    local pid port i java major flags=()
    if pid="$(pid_alive "$PID_FILE")"; then
        say "local AWS already running (pid $pid): sqs :$SQS_PORT, dynamodb :$DDB_PORT, s3 :$S3_PORT"
        return 0
    fi
    for port in "$SQS_PORT" "$DDB_PORT" "$S3_PORT"; do
        port_open "$port" && die "port $port is taken by another process (set SQS_PORT / DDB_PORT / S3_PORT)"
    done
    build
    java="$(java_bin)"
    major="$(java_major)"
    flags=(-Xms64m -Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 --enable-native-access=ALL-UNNAMED)
    # Pekko still uses sun.misc.Unsafe; JDK 23+ warns about it unless allowed.
    ((major >= 23)) && flags+=(--sun-misc-unsafe-memory-access=allow)
    local args=(--sqs-port "$SQS_PORT" --ddb-port "$DDB_PORT" --s3-port "$S3_PORT" --state-dir "$STATE_DIR")
    [[ "${LOCAL_AWS_IN_MEMORY:-false}" == "true" ]] && args+=(--in-memory)
    : >"$LOG"
    # setsid: its own process group, so a Ctrl-C in the terminal does not reach it; `down` stops it.
    setsid "$java" "${flags[@]}" -cp "$JAR:$(cat "$CLASSPATH_FILE")" dev.engram.localaws.LocalAws "${args[@]}" \
        >>"$LOG" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$PID_FILE"
    for ((i = 0; i < READY_TIMEOUT * 10; i++)); do
        if grep -q '^engram-local-aws READY' "$LOG" 2>/dev/null; then
            say "local AWS up (pid $pid): sqs http://localhost:$SQS_PORT, dynamodb http://localhost:$DDB_PORT, s3 http://localhost:$S3_PORT"
            return 0
        fi
        if ! kill -0 "$pid" 2>/dev/null; then
            rm -f "$PID_FILE"
            log_tail "$LOG"
            die "the local AWS JVM exited during start"
        fi
        sleep 0.1
    done
    log_tail "$LOG"
    stop_pid_file "$PID_FILE" "local AWS" 10
    die "local AWS not ready after ${READY_TIMEOUT}s"
}

down() {
    stop_pid_file "$PID_FILE" "local AWS" 20
}

status() {
    local pid
    if pid="$(pid_alive "$PID_FILE")"; then echo "local-aws: running (pid $pid)"; else echo "local-aws: stopped"; fi
}

case "${1:-}" in
    build) build ;;
    up) up ;;
    down) down ;;
    status) status ;;
    running) pid_alive "$PID_FILE" >/dev/null ;;
    *) die "usage: $0 build|up|down|status" ;;
esac
