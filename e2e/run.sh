#!/usr/bin/env bash
# The browser end-to-end tests (review-flow.mjs, then file-flow.mjs): Engram from the built jar (target/quarkus-app) on a free port,
# against the running local stack, driven in Debian's headless Chromium by playwright-core. Installs Debian's chromium
# and the test's npm packages (npm ci) when they are missing. Screenshots go to target/e2e.
#   run.sh            (make e2e builds first and starts the stack; make test runs it after the default variant)
set -euo pipefail
E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$E2E_DIR/../infra/local/lib.sh"

CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
APP_JAR="$REPO_ROOT/target/quarkus-app/quarkus-run.jar"
OUT="$REPO_ROOT/target/e2e"
LOG="$LOG_DIR/engram-e2e.log"
READY_TIMEOUT="${ENGRAM_READY_TIMEOUT:-120}"

install_debian() {
    say "installing Debian packages: $*"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

[[ -x "$CHROMIUM" ]] || install_debian chromium
command -v npm >/dev/null 2>&1 || install_debian nodejs npm
if [[ ! -d "$E2E_DIR/node_modules/playwright-core" \
    || "$E2E_DIR/package-lock.json" -nt "$E2E_DIR/node_modules/.package-lock.json" ]]; then
    say "installing the e2e test's npm packages"
    (cd "$E2E_DIR" && npm ci --no-audit --no-fund --loglevel=error)
fi

[[ -f "$APP_JAR" ]] || die "$APP_JAR is missing (run: make build)"
"$REPO_ROOT/infra/local/stack.sh" running || die "the local stack is not running (run: make stack-up)"
[[ -f "$STATE_DIR/jwt/private.pem" ]] || die "no local JWT key pair (run: make keys)"

port="$(node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')"
: >"$LOG"
(cd "$REPO_ROOT" && QUARKUS_PROFILE=local QUARKUS_HTTP_PORT="$port" ENGRAM_STATE_DIR="$STATE_DIR" \
    MP_JWT_VERIFY_PUBLICKEY_LOCATION="$STATE_DIR/jwt/public.pem" \
    exec "$(java_bin)" -jar "$APP_JAR" >>"$LOG" 2>&1 </dev/null) &
engram_pid=$!
stop_engram() {
    kill -TERM "$engram_pid" 2>/dev/null || true
    wait "$engram_pid" 2>/dev/null || true
}
trap stop_engram EXIT

say "Engram for the e2e test starting on port $port (pid $engram_pid), log $LOG"
ready=0
for ((i = 0; i < READY_TIMEOUT * 2; i++)); do
    if [[ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://localhost:$port/q/health/ready" || true)" == "200" ]]; then
        ready=1
        break
    fi
    kill -0 "$engram_pid" 2>/dev/null || break
    sleep 0.5
done
if [[ $ready -eq 0 ]]; then
    log_tail "$LOG" 60
    die "Engram for the e2e test did not become ready"
fi

mkdir -p "$OUT"
for flow in review-flow.mjs file-flow.mjs; do
    if ! (cd "$E2E_DIR" && ENGRAM_URL="http://localhost:$port/" E2E_OUT="$OUT" CHROMIUM="$CHROMIUM" node "$flow"); then
        log_tail "$LOG" 40
        die "the browser end-to-end test $flow failed (screenshots in $OUT)"
    fi
done
say "browser end-to-end test passed; screenshots in $OUT"
