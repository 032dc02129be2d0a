#!/usr/bin/env bash
# make bench: builds the three variants and the bench sources, then runs the suite (docs/BENCHMARKS.md).
#   Needs the local stack running (make stack-up) and JAVA_HOME pointing to a JDK >= 21.
#   BENCH_OPTS: extra system properties for the suite, e.g. "-Dbench.docs=24 -Dbench.api-seconds=30".
#   BENCH: all (the default) or remote (only the remote-provider run; builds only the default variant).
#   Ports: the stack's from PG_PORT, SQS_PORT, DDB_PORT and S3_PORT; every Engram the suite starts (one at a time)
#   listens on BENCH_HTTP_PORT, by default ENGRAM_PORT; the stand-ins the suite runs itself (the remote provider,
#   the request counters) take free ports the system assigns. Two suites with their own ports run side by side.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
: "${JAVA_HOME:?set JAVA_HOME to a JDK >= 21}"
OUT=target/bench
MVN=(./mvnw -B -q)

say() { printf '==> %s\n' "$*"; }

# Each variant compiles different source folders into target/classes: start each build from empty output.
fresh() {
    rm -rf target/classes target/test-classes target/generated-sources target/generated-test-sources \
        target/quarkus-app target/maven-status target/lib target/*-runner.jar
}

build_variant() {
    local profile=$1 name=$2
    say "building the $name variant (-P$profile)"
    fresh
    "${MVN[@]}" -P"$profile" package -Dmaven.test.skip=true
    rm -rf "$OUT/apps/$name"
    mkdir -p "$OUT/apps/$name"
    if [[ -d target/quarkus-app ]]; then
        cp -a target/quarkus-app/. "$OUT/apps/$name/"
    else
        # The Lambda extensions package a runner jar beside target/lib.
        cp -a target/*-runner.jar target/lib "$OUT/apps/$name/"
    fi
}

started=$(date +%s)
mkdir -p "$OUT/apps" "$OUT/logs"
suite="${BENCH:-all}"
case "$suite" in
    all)
        build_variant worker worker
        build_variant api api
        ;;
    remote) ;;
    *) echo "BENCH must be all or remote, was $suite" >&2; exit 2 ;;
esac
say "building the default variant and the bench sources (-Plocal,bench)"
fresh
"${MVN[@]}" -Plocal,bench package -DskipTests
rm -rf "$OUT/apps/default"
cp -a target/quarkus-app "$OUT/apps/default"
"${MVN[@]}" -Plocal,bench dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/classpath.txt"
if [[ "$suite" == all ]]; then
    say "building the Spring AI peer (infra/bench/spring-ai)"
    "${MVN[@]}" -f infra/bench/spring-ai/pom.xml package dependency:build-classpath \
        -Dmdep.outputFile="$ROOT/$OUT/spring-ai-classpath.txt"
fi
say "builds took $(( $(date +%s) - started )) s; running the suite"

# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" -Xmx2g -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    -Dbench.pg-port="${PG_PORT:-5499}" -Dbench.sqs-port="${SQS_PORT:-9324}" \
    -Dbench.ddb-port="${DDB_PORT:-8000}" -Dbench.s3-port="${S3_PORT:-9090}" \
    -Dbench.http-port="${BENCH_HTTP_PORT:-${ENGRAM_PORT:-8080}}" \
    -Dbench.fixtures="$ROOT/../shared/fixtures/files" -Dbench.build-seconds="$(( $(date +%s) - started ))" \
    -Dbench.suite="$suite" \
    ${BENCH_OPTS:-} \
    -cp "target/test-classes:target/classes:$(cat "$OUT/classpath.txt")" dev.engram.bench.BenchMain
