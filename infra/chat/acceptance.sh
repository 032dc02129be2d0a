#!/usr/bin/env bash
# The chat acceptance run against a running Engram (`make up`, rules providers), as `make chat-acceptance`
# runs it: 20 requests of a user message and a twin reply, then the summaries, the profile, the messages' states, the
# summary memory, and what another user sees. Fresh user names each run, so a rerun checks the same things.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../local/lib.sh"

U="http://localhost:$ENGRAM_PORT/api/v1"
RUN="$(date +%s)-$$"
ALICE="alice-$RUN"
BOB="bob-$RUN"
J='Content-Type: application/json'
H="Authorization: Bearer $("$REPO_ROOT/infra/local/jwt.sh" token "$ALICE" '')"
HB="Authorization: Bearer $("$REPO_ROOT/infra/local/jwt.sh" token "$BOB" '')"
TIMEOUT="${CHAT_ACCEPTANCE_TIMEOUT:-120}"
failures=0

check() { # check <what> <python expression over the JSON document d>  (stdin: the JSON)
    local what="$1" expr="$2"
    if python3 -c "import json,sys; d=json.load(sys.stdin); sys.exit(0 if ($expr) else 1)"; then
        echo "  ok   $what"
    else
        echo "  FAIL $what"
        failures=$((failures + 1))
    fi
}

C=$(curl -fsS "$U/conversations" -H "$H" -H "$J" -d '{}' | python3 -c 'import json,sys;print(json.load(sys.stdin)["id"])')
m() {
    curl -fsS "$U/conversations/$C/messages" -H "$H" -H "$J" \
        -d "{\"messages\":[{\"role\":\"user\",\"content\":\"$1\"},{\"role\":\"twin\",\"content\":\"Noted.\"}]}" >/dev/null
}
for i in $(seq 20); do
    case $i in
        3) m 'I always prefer meetings before 10am.' ;;
        5) m 'thanks!' ;;
        *) m "Sarah will send budget draft $i by Friday." ;;
    esac
done
say "40 messages posted to conversation $C as $ALICE; waiting up to ${TIMEOUT}s for two summary versions"
for ((s = 0; s < TIMEOUT; s++)); do
    n=$(curl -fsS "$U/conversations/$C/summaries" -H "$H" | python3 -c 'import json,sys;print(len(json.load(sys.stdin)["summaries"]))')
    [[ "$n" -ge 2 ]] && break
    sleep 1
done

curl -fsS "$U/conversations/$C/summaries" -H "$H" | check "2 summary versions: to_seq 20, 40" \
    '[v["to_seq"] for v in d["summaries"]] == [20, 40]'
curl -fsS "$U/profile" -H "$H" | check 'preference/scheduling "meetings before 10am", >= 0.6, evidence seq 5' \
    'any(i["subcategory"] == "scheduling" and i["trait"] == "meetings before 10am" and i["confidence"] >= 0.6
         and any(e["seq"] == 5 for e in i["evidence"]) for i in d["categories"].get("preference", []))'
curl -fsS "$U/conversations/$C/messages?after_seq=8&limit=2" -H "$H" | check "9 low_importance, 10 not_user" \
    '[(x["seq"], x["skip_reason"]) for x in d["messages"]] == [(9, "low_importance"), (10, "not_user")]'
curl -fsS "$U/memories?type=summary" -H "$H" | check "exactly 1 summary memory, of conversation $C" \
    "len(d['memories']) == 1 and d['memories'][0]['source']['source_id'] == '$C'"

codes=$(for p in "" /messages /summaries; do curl -s -o /dev/null -w '%{http_code} ' "$U/conversations/$C$p" -H "$HB"; done)
echo "\"$codes\"" | check "$BOB: 404 on the conversation, its messages and its summaries ($codes)" \
    'd.split() == ["404", "404", "404"]'
curl -fsS "$U/profile" -H "$HB" | check "$BOB: an empty profile" 'd["categories"] == {}'

if [[ $failures -gt 0 ]]; then
    die "chat acceptance: $failures check(s) failed"
fi
say "chat acceptance: every check passed"
