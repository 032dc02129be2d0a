#!/usr/bin/env bash
# Local JWTs for Engram, signed RS256 with the project's key pair in $STATE_DIR/jwt.
#   jwt.sh keys                    create private.pem / public.pem (RSA 2048) if missing
#   jwt.sh token USER [GROUPS]     print a token: iss https://engram.local, aud engram, sub = upn = USER,
#                                  groups from the comma-separated GROUPS, valid for 12 hours
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

JWT_DIR="$STATE_DIR/jwt"
PRIVATE="$JWT_DIR/private.pem"
PUBLIC="$JWT_DIR/public.pem"
ISSUER="https://engram.local"
AUDIENCE="engram"
LIFETIME_SECONDS=$((12 * 3600))
NAME_PATTERN='^[A-Za-z0-9._@+-]+$'

command -v openssl >/dev/null 2>&1 || die "openssl is missing (run: make deps)"

keys() {
    if [[ -f "$PRIVATE" && -f "$PUBLIC" ]]; then
        return 0
    fi
    mkdir -p "$JWT_DIR"
    chmod 700 "$JWT_DIR"
    (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$PRIVATE" 2>/dev/null)
    openssl pkey -in "$PRIVATE" -pubout -out "$PUBLIC"
    chmod 644 "$PUBLIC"
    say "JWT key pair created in $JWT_DIR"
}

b64url() {
    openssl base64 -e -A | tr '+/' '-_' | tr -d '='
}

token() {
    local user="${1:-}" groups_csv="${2:-}" groups_json="" group now header payload signature
    [[ -n "$user" ]] || die "usage: make token USER=<name> [GROUPS=admin,...]"
    [[ "$user" =~ $NAME_PATTERN ]] || die "USER may hold only letters, digits and . _ @ + -"
    [[ -f "$PRIVATE" ]] || die "no signing key: run make keys"
    IFS=',' read -r -a groups <<<"$groups_csv"
    for group in "${groups[@]}"; do
        group="${group#"${group%%[![:space:]]*}"}"
        group="${group%"${group##*[![:space:]]}"}"
        [[ -z "$group" ]] && continue
        [[ "$group" =~ $NAME_PATTERN ]] || die "group '$group' may hold only letters, digits and . _ @ + -"
        groups_json+="${groups_json:+,}\"$group\""
    done
    now="$(date +%s)"
    header="$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)"
    payload="$(printf '{"iss":"%s","aud":"%s","sub":"%s","upn":"%s","groups":[%s],"iat":%d,"exp":%d}' \
        "$ISSUER" "$AUDIENCE" "$user" "$user" "$groups_json" "$now" $((now + LIFETIME_SECONDS)) | b64url)"
    signature="$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$PRIVATE" -binary | b64url)"
    printf '%s.%s.%s\n' "$header" "$payload" "$signature"
}

case "${1:-}" in
    keys) keys ;;
    token) shift; token "$@" ;;
    *) die "usage: $0 keys | token USER [GROUPS]" ;;
esac
