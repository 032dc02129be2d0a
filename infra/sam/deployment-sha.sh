#!/usr/bin/env bash
# Prints the DeploymentSha256 of a deployment: the SHA-256 of the function zips, template.yaml, samconfig.toml and
# the parameter overrides given (in the order given). A change in any of them makes SAM publish new function
# versions, so the live aliases always serve the deployed code with the deployed settings.
# usage: deployment-sha.sh ROOT [Name=Value ...]
set -euo pipefail
root=$1; shift
{
  for f in target/dist/worker.zip target/dist/api.zip template.yaml samconfig.toml; do
    if [[ -f "$root/$f" ]]; then sha256sum "$root/$f" | cut -d' ' -f1; else echo "missing $f"; fi
  done
  printf '%s\n' "$@"
} | sha256sum | cut -d' ' -f1
