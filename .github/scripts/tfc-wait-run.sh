#!/usr/bin/env bash
# Waits for a run to stop where this workflow has nothing more to wait for, reading
# GET /runs/:id until a deadline. The run states are those of
# https://developer.hashicorp.com/terraform/cloud-docs/api-docs/run#run-states:
#
#   final        applied, planned_and_finished, discarded, errored, canceled, force_canceled,
#                policy_soft_failed: nothing follows them (run_is_final, tfc-api.sh).
#   waiting      the run waits for a person: `actions.is-confirmable` is true (planned,
#                cost_estimated, policy_checked, post_plan_completed, planned_and_saved: an apply
#                confirms it), or policy_override (a soft-failed policy needs an override first).
#                UNTIL=plan stops here; UNTIL=apply keeps waiting.
#   in progress  every other state (pending, fetching, queuing, plan_queued, planning,
#                cost_estimating, policy_checking, post_plan_running, confirmed, apply_queued,
#                applying, ...).
#
# The deadline (WAIT_MINUTES) is below the job's timeout-minutes, so the job reports a run still
# in progress instead of being killed: the run goes on in Terraform Cloud, and the step fails
# with its status and link. A run that stopped in a state EXPECT does not list fails too.
#
# Environment:
#   TF_API_TOKEN, TF_API_TOKEN_SECRET, RUN_ID (required)
#   UNTIL          plan or apply (required)
#   EXPECT         space-separated final states that count as success, and `confirmable` for a
#                  run that waits for confirmation (required), e.g. "confirmable planned_and_finished"
#   WAIT_MINUTES   the deadline (required)
#   POLL_SECONDS   between two reads (default 10)
#   RUN_LINK       the run's page, for messages
# The job reads the outcome from the exit status; the plan summary reads the run itself.
set -euo pipefail
# shellcheck source=tfc-api.sh
source "$(dirname "$0")/tfc-api.sh"

: "${RUN_ID:?}" "${UNTIL:?}" "${EXPECT:?}" "${WAIT_MINUTES:?}"
case "$UNTIL" in plan | apply) ;; *) fail "Invalid input" "UNTIL is plan or apply, not '${UNTIL}'." ;; esac
link="${RUN_LINK:-$RUN_ID}"
deadline=$(($(date +%s) + WAIT_MINUTES * 60))

previous=""
while :; do
  tfc GET "/runs/${RUN_ID}"
  status=$(jq -r '.data.attributes.status' "$TFC_BODY")
  confirmable=$(jq -r '.data.attributes.actions["is-confirmable"] == true' "$TFC_BODY")
  [ "$status" = "$previous" ] || echo "$(date -u +%H:%M:%S) ${RUN_ID}: ${status}"
  previous="$status"

  stopped=false
  if run_is_final "$status"; then
    stopped=true
  elif [ "$UNTIL" = plan ] && { [ "$status" = policy_override ] || [ "$confirmable" = true ]; }; then
    stopped=true
  fi

  if [ "$stopped" = true ]; then
    outcome="$status"
    [ "$confirmable" != true ] || outcome=confirmable
    for expected in $EXPECT; do
      if [ "$expected" = "$outcome" ]; then
        echo "${RUN_ID} stopped at ${status}$([ "$confirmable" = true ] && echo ', waiting for confirmation')."
        exit 0
      fi
    done
    fail "Run ${status}" "Run ${RUN_ID} stopped at ${status}, not at ${EXPECT// / or }: ${link}"
  fi

  if [ "$(date +%s)" -ge "$deadline" ]; then
    fail "Run still in progress" "Run ${RUN_ID} is still ${status} after the ${WAIT_MINUTES}-minute deadline of this job. It goes on in Terraform Cloud: ${link}"
  fi
  sleep "${POLL_SECONDS:-10}"
done
