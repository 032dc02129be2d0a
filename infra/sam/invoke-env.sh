#!/usr/bin/env bash
# Writes the env-vars file `make invoke` hands to `sam local invoke --env-vars`: the deployed stack's resource names
# from its outputs, for every function. Locally SAM CLI resolves !Ref DatabaseSecret, JobTable and InputBucket to
# their logical ids, so without this file a local invoke would look for a bucket called "InputBucket".
# usage: invoke-env.sh STACK REGION OUT_FILE
set -euo pipefail
stack=$1 region=$2 out=$3
command -v aws >/dev/null || { echo "error: the aws CLI is needed to read the stack's outputs" >&2; exit 1; }
outputs=$(aws cloudformation describe-stacks --stack-name "$stack" --region "$region" \
  --query 'Stacks[0].Outputs' --output json)
mkdir -p "$(dirname "$out")"
STACK="$stack" REGION="$region" OUTPUTS="$outputs" python3 - "$out" <<'PY'
import json, os, sys
outputs = {o["OutputKey"]: o["OutputValue"] for o in json.loads(os.environ["OUTPUTS"] or "[]")}
def need(key):
    if key not in outputs:
        sys.exit("error: the stack has no output " + key + " (deployed from an older template?)")
    return outputs[key]
host = need("DatabaseEndpoint")
variables = {
    "ENGRAM_AWS_REGION": os.environ["REGION"],
    "ENGRAM_AWS_BUCKET": need("InputBucketName"),
    "ENGRAM_QUEUES_PREFIX": os.environ["STACK"] + "-",
    "ENGRAM_JOBS_TABLE": need("JobTableName"),
    "ENGRAM_SECRETS_DATABASE_ARN": need("DatabaseSecretArn"),
    "QUARKUS_DATASOURCE_REACTIVE_URL": "postgresql://%s:5432/engram" % host,
    "QUARKUS_DATASOURCE_JDBC_URL": "jdbc:postgresql://%s:5432/engram?sslmode=require" % host,
}
# The progress WebSocket API (stacks deployed before it have neither output).
if "SocketConnectionTableName" in outputs:
    variables["ENGRAM_PROGRESS_AWS_SOCKET_CONNECTIONS_TABLE"] = outputs["SocketConnectionTableName"]
if "ProgressSocketUrl" in outputs:
    variables["ENGRAM_AWS_SOCKET_CALLBACK_URL"] = "https://" + outputs["ProgressSocketUrl"].split("://", 1)[1]
with open(sys.argv[1], "w") as f:
    json.dump({"Parameters": variables}, f, indent=2)
print("==> " + sys.argv[1] + ": the resources of stack " + os.environ["STACK"])
PY
