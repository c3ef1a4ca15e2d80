#!/usr/bin/env bash
# Creates a run of an uploaded configuration version (POST /runs,
# https://developer.hashicorp.com/terraform/cloud-docs/api-docs/run#create-a-run). Sent once: a
# POST is retried on 429 only (tfc-api.sh), so a run is never created twice.
#
# Environment:
#   TF_API_TOKEN, TF_API_TOKEN_SECRET, TF_CLOUD_ORGANIZATION (required)
#   WORKSPACE, WORKSPACE_ID, CONFIGURATION_VERSION_ID, MESSAGE (required)
#   PLAN_ONLY    true: a speculative plan that can never be applied (default false)
#   IS_DESTROY   true: plans the destruction of every resource in the state (default false)
#   AUTO_APPLY   true: applies after a successful plan without confirmation; false: waits for
#                confirmation whatever the workspace setting says (default false)
# Outputs: run_id, run_link
set -euo pipefail
# shellcheck source=tfc-api.sh
source "$(dirname "$0")/tfc-api.sh"

: "${TF_CLOUD_ORGANIZATION:?}" "${WORKSPACE:?}" "${WORKSPACE_ID:?}" "${CONFIGURATION_VERSION_ID:?}" "${MESSAGE:?}"
for flag in "${PLAN_ONLY:=false}" "${IS_DESTROY:=false}" "${AUTO_APPLY:=false}"; do
  case "$flag" in true | false) ;; *) fail "Invalid input" "PLAN_ONLY, IS_DESTROY and AUTO_APPLY are true or false, not '${flag}'." ;; esac
done

payload=$(jq -n -c \
  --arg message "$MESSAGE" --arg workspace "$WORKSPACE_ID" --arg cv "$CONFIGURATION_VERSION_ID" \
  --argjson planOnly "$PLAN_ONLY" --argjson destroy "$IS_DESTROY" --argjson autoApply "$AUTO_APPLY" \
  '{data: {type: "runs",
    attributes: ({message: $message, "is-destroy": $destroy} + (if $planOnly then {"plan-only": true} else {"auto-apply": $autoApply} end)),
    relationships: {
      workspace: {data: {type: "workspaces", id: $workspace}},
      "configuration-version": {data: {type: "configuration-versions", id: $cv}}}}}')
tfc POST /runs "$payload"
run_id=$(jq -r '.data.id' "$TFC_BODY")
link=$(run_link "$TF_CLOUD_ORGANIZATION" "$WORKSPACE" "$run_id")
echo "Created run ${run_id} of ${WORKSPACE}: ${link}"
set_output run_id "$run_id"
set_output run_link "$link"
