#!/usr/bin/env bash
# The whole local stack: PostgreSQL + the local AWS JVM.
#   stack.sh up | down | status | running (exit 0 when both parts run) | purge (delete the state dir; stop first)
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
source "$here/lib.sh"

case "${1:-}" in
    up)
        "$here/postgres.sh" up
        "$here/local-aws.sh" up
        ;;
    down)
        "$here/local-aws.sh" down
        "$here/postgres.sh" down
        ;;
    status)
        "$here/postgres.sh" status
        "$here/local-aws.sh" status
        ;;
    running)
        "$here/postgres.sh" running && "$here/local-aws.sh" running
        ;;
    purge)
        case "$STATE_DIR" in
            / | "$REPO_ROOT" | "$HOME" | "") die "refusing to delete STATE_DIR=$STATE_DIR" ;;
        esac
        if [[ -L "$STATE_DIR/pg/cluster" ]]; then
            rm -rf "$(readlink -f "$STATE_DIR/pg/cluster")"
        fi
        rm -rf "$STATE_DIR"
        ;;
    *)
        echo "usage: $0 up|down|status|running|purge" >&2
        exit 2
        ;;
esac
