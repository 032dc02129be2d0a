#!/usr/bin/env bash
# Installs what the local stack needs from Debian: PostgreSQL 15 (+ server headers and the compilers pgvector's
# build uses), the aws CLI, openssl and curl; then builds pgvector from Debian trixie's source package when the
# extension is missing (bookworm ships no pgvector for PostgreSQL 15). Does nothing when all is in place.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PG_MAJOR=15
PG_CONFIG="/usr/lib/postgresql/$PG_MAJOR/bin/pg_config"
PGVECTOR_SUITE="${PGVECTOR_SUITE:-trixie}"
PACKAGES=(
    "postgresql-$PG_MAJOR" "postgresql-server-dev-$PG_MAJOR" clang build-essential dpkg-dev
    awscli openssl curl ca-certificates unzip
)

installed() {
    [[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" == "installed" ]]
}

install_packages() {
    local missing=() pkg
    for pkg in "${PACKAGES[@]}"; do
        installed "$pkg" || missing+=("$pkg")
    done
    ((${#missing[@]} == 0)) && return 0
    say "installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

vector_installed() {
    local sharedir
    sharedir="$("$PG_CONFIG" --sharedir)"
    [[ -f "$sharedir/extension/vector.control" && -f "$("$PG_CONFIG" --pkglibdir)/vector.so" ]]
}

# The URI of the machine's own Debian archive (the one serving this release's main suite), read from its apt
# sources in either format; the machine may reach only that mirror.
debian_mirror() {
    local codename file uri
    codename="$(. /etc/os-release && printf '%s' "${VERSION_CODENAME:-}")"
    [[ -n "$codename" ]] || die "cannot tell the Debian release from /etc/os-release"
    for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [[ -f "$file" ]] || continue
        uri="$(awk -v c="$codename" '
            $1 == "deb" || $1 == "deb-src" {
                i = 2; if ($i ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
                if ($(i + 1) == c) { print $i; exit }
            }' "$file")"
        [[ -n "$uri" ]] && { printf '%s\n' "$uri"; return 0; }
    done
    for file in /etc/apt/sources.list.d/*.sources; do
        [[ -f "$file" ]] || continue
        uri="$(awk -v c="$codename" '
            function flush() { if (uris != "" && (" " suites " ") ~ (" " c " ") && enabled) { split(uris, u, " "); print u[1]; found = 1; exit } }
            BEGIN { RS = ""; FS = "\n" }
            {
                uris = ""; suites = ""; enabled = 1
                for (i = 1; i <= NF; i++) {
                    line = $i
                    if (line ~ /^[ \t]*#/) continue
                    if (line ~ /^URIs:/) { sub(/^URIs:[ \t]*/, "", line); uris = line }
                    else if (line ~ /^Suites:/) { sub(/^Suites:[ \t]*/, "", line); suites = line }
                    else if (line ~ /^Enabled:[ \t]*no/) { enabled = 0 }
                }
                flush()
            }' "$file")"
        [[ -n "$uri" ]] && { printf '%s\n' "$uri"; return 0; }
    done
    die "no Debian '$codename' source found in /etc/apt/sources.list or /etc/apt/sources.list.d"
}

build_pgvector() {
    local work="$STATE_DIR/build/pgvector" mirror apt_opts src
    mirror="$(debian_mirror)"
    say "building pgvector from Debian $PGVECTOR_SUITE's source package ($mirror)"
    rm -rf "$work"
    mkdir -p "$work/apt/lists/partial" "$work/apt/parts" "$work/apt/cache/archives/partial" "$work/src"
    printf 'deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] %s %s main\n' \
        "$mirror" "$PGVECTOR_SUITE" >"$work/apt/sources.list"
    # A private apt state: the machine's own sources, lists and caches stay untouched.
    apt_opts=(
        -o "Dir::Etc::SourceList=$work/apt/sources.list"
        -o "Dir::Etc::SourceParts=$work/apt/parts"
        -o "Dir::State::Lists=$work/apt/lists"
        -o "Dir::Cache=$work/apt/cache"
        -o "Debug::NoLocking=1"
        -o "APT::Sandbox::User=root"
    )
    apt-get "${apt_opts[@]}" -qq update >"$work/apt-update.log" 2>&1 \
        || { log_tail "$work/apt-update.log"; die "apt-get update of the private $PGVECTOR_SUITE source list failed"; }
    (cd "$work/src" && apt-get "${apt_opts[@]}" -qq source pgvector) >"$work/apt-source.log" 2>&1 \
        || { log_tail "$work/apt-source.log"; die "apt-get source pgvector failed"; }
    src="$(find "$work/src" -mindepth 1 -maxdepth 1 -type d -name 'pgvector-*' | head -n 1)"
    [[ -n "$src" ]] || die "no pgvector source tree unpacked in $work/src"
    say "compiling $(basename "$src")"
    # OPTFLAGS empty: a portable build (no -march=native), safe if the machine's CPU changes.
    make -C "$src" -s PG_CONFIG="$PG_CONFIG" OPTFLAGS="" >"$work/build.log" 2>&1 \
        || { log_tail "$work/build.log"; die "pgvector build failed"; }
    as_root make -C "$src" -s PG_CONFIG="$PG_CONFIG" OPTFLAGS="" install >>"$work/build.log" 2>&1 \
        || { log_tail "$work/build.log"; die "pgvector install failed"; }
    vector_installed || die "pgvector installed but vector.control / vector.so not found"
    say "pgvector $(sed -n "s/^default_version = '\(.*\)'/\1/p" "$("$PG_CONFIG" --sharedir)/extension/vector.control") installed"
}

install_packages
vector_installed || build_pgvector
