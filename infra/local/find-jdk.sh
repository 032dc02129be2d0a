#!/usr/bin/env bash
# Prints the home of a JDK >= 21: $JAVA_HOME when it qualifies, else the newest one under /usr/lib/jvm.
# Prints nothing and exits 1 when there is none.
set -uo pipefail

MIN=21

major_of() {
    local home="$1" version=""
    [[ -x "$home/bin/java" && -x "$home/bin/javac" ]] || return 1
    if [[ -f "$home/release" ]]; then
        version="$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$home/release")"
    fi
    if [[ -z "$version" ]]; then
        version="$("$home/bin/java" -XshowSettings:properties -version 2>&1 \
            | sed -n 's/^ *java.specification.version = //p')"
    fi
    [[ -n "$version" ]] || return 1
    version="${version#1.}"
    printf '%s\n' "${version%%[._+-]*}"
}

if [[ -n "${JAVA_HOME:-}" ]]; then
    m="$(major_of "$JAVA_HOME")" && (( m >= MIN )) && { printf '%s\n' "$JAVA_HOME"; exit 0; }
fi

best="" best_major=0
for home in /usr/lib/jvm/*; do
    [[ -d "$home" ]] || continue
    m="$(major_of "$home")" || continue
    if (( m >= MIN && m > best_major )); then
        best="$(readlink -f "$home")" best_major="$m"
    fi
done
[[ -n "$best" ]] || exit 1
printf '%s\n' "$best"
