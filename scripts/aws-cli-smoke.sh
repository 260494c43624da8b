#!/usr/bin/env bash
# A second real client against a running Stepwise: the AWS CLI creates a state machine, starts an
# execution, waits for it, and reads its history. Exits non-zero on any difference.
# Usage: scripts/aws-cli-smoke.sh http://127.0.0.1:8083
set -euo pipefail
endpoint="$1"
export AWS_ACCESS_KEY_ID=AKIDSMOKE AWS_SECRET_ACCESS_KEY=smoke AWS_DEFAULT_REGION=us-east-1
sfn() { aws stepfunctions --endpoint-url "$endpoint" --output json "$@"; }
fail() { echo "aws-cli-smoke: $*" >&2; exit 1; }

definition='{"StartAt":"Greet","States":{"Greet":{"Type":"Pass","Parameters":{"greeting.$":"States.Format('"'"'Hello, {}!'"'"', $.name)"},"End":true}}}'
arn=$(sfn create-state-machine --name smoke --role-arn arn:aws:iam::123456789012:role/smoke \
  --definition "$definition" --query stateMachineArn --output text)
[ "$arn" = "arn:aws:states:us-east-1:123456789012:stateMachine:smoke" ] || fail "create gave $arn"

exec_arn=$(sfn start-execution --state-machine-arn "$arn" --name run-1 --input '{"name":"CLI"}' \
  --query executionArn --output text)
[ "$exec_arn" = "arn:aws:states:us-east-1:123456789012:execution:smoke:run-1" ] || fail "start gave $exec_arn"

for _ in $(seq 100); do
  status=$(sfn describe-execution --execution-arn "$exec_arn" --query status --output text)
  [ "$status" != RUNNING ] && break
done
[ "$status" = SUCCEEDED ] || fail "status $status"
output=$(sfn describe-execution --execution-arn "$exec_arn" --query output --output text)
[ "$output" = '{"greeting":"Hello, CLI!"}' ] || fail "output $output"

types=$(sfn get-execution-history --execution-arn "$exec_arn" --query 'events[].type' --output text)
[ "$(echo $types)" = "ExecutionStarted PassStateEntered PassStateExited ExecutionSucceeded" ] ||
  fail "history $types"
echo "aws-cli-smoke: create, start, describe and history agree"
