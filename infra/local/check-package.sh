#!/usr/bin/env bash
# Checks a Lambda function zip against Lambda's limits and prints its sizes.
# usage: check-package.sh <function.zip> <name>
set -euo pipefail
zip="$1"; name="${2:-function}"
limit_unzipped=$((250 * 1024 * 1024))
budget_unzipped=$((200 * 1024 * 1024))   # keep well inside the limit: layers and growth need room
[[ -f "$zip" ]] || { echo "error: $zip does not exist" >&2; exit 1; }
zipped=$(stat -c %s "$zip")
unzipped=$(unzip -l "$zip" | tail -1 | awk '{print $1}')
printf '==> %s: %d MB zipped, %d MB unzipped (Lambda allows %d MB unzipped; budget %d MB)\n' \
  "$name" $((zipped / 1048576)) $((unzipped / 1048576)) $((limit_unzipped / 1048576)) $((budget_unzipped / 1048576))
if (( unzipped > budget_unzipped )); then
  echo "error: $name is $((unzipped / 1048576)) MB unzipped, over the $((budget_unzipped / 1048576)) MB budget" >&2
  exit 1
fi
