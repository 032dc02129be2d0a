#!/usr/bin/env bash
# make chaos: builds Engram with the fault-injecting AWS SDK interceptor listed (target/chaos/app, never the
# package `make package` ships) and the chaos harness, then runs it (docs/CHAOS.md).
#   Needs the local stack running (make stack-up) and JAVA_HOME pointing to a JDK >= 21.
#   CHAOS_OPTS: extra system properties, e.g. "-Dchaos.jobs=400 -Dchaos.kill-every-max=20".
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
: "${JAVA_HOME:?set JAVA_HOME to a JDK >= 21}"
OUT=${CHAOS_OUT:-target/chaos}
MVN=(./mvnw -B -q ${MVN_OFFLINE:+-o})
FAULTS=dev.engram.platform.aws.FaultInjection

say() { printf '==> %s\n' "$*"; }

mkdir -p "$OUT"
if [[ "${CHAOS_BUILD:-true}" == true ]]; then
    say "building Engram with the fault-injection interceptor, and the chaos harness (-Plocal,bench,chaos)"
    "${MVN[@]}" -Plocal,bench,chaos package -DskipTests \
        -Dquarkus.dynamodb.interceptors=$FAULTS -Dquarkus.sqs.interceptors=$FAULTS
    rm -rf "$OUT/app"
    cp -a target/quarkus-app "$OUT/app"
    # The interceptors are build-time settings: no later `make run` may start this build by mistake.
    rm -rf target/quarkus-app
    "${MVN[@]}" -Plocal,bench,chaos dependency:build-classpath -Dmdep.includeScope=test \
        -Dmdep.outputFile="$OUT/classpath.txt"
    # The harness runs from its own copy: a build or test run meanwhile rewrites target/classes and test-classes.
    rm -rf "$OUT/classes" "$OUT/test-classes"
    cp -a target/classes "$OUT/classes"
    cp -a target/test-classes "$OUT/test-classes"
fi

# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" -Xmx1g -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    -Dbench.pg-port="${PG_PORT:-5499}" -Dbench.sqs-port="${SQS_PORT:-9324}" \
    -Dbench.ddb-port="${DDB_PORT:-8000}" -Dbench.s3-port="${S3_PORT:-9090}" \
    -Dbench.database=engram_chaos -Dbench.prefix=engram-chaos- -Dbench.out="$OUT" \
    -Dchaos.out="$OUT" -Dchaos.app="$OUT/app" \
    -Dchaos.api-port="${CHAOS_PORT:-18590}" -Dchaos.worker-port="$(( ${CHAOS_PORT:-18590} + 1 ))" \
    -Dchaos.proxy-port="$(( ${CHAOS_PORT:-18590} + 2 ))" \
    ${CHAOS_OPTS:-} \
    -cp "$OUT/test-classes:$OUT/classes:$(cat "$OUT/classpath.txt")" dev.engram.chaos.ChaosMain
