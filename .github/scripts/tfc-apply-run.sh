#!/usr/bin/env bash
# Applies exactly the run the plan job created, and only if it is still the run that was
# reviewed: GET /runs/:id first, then POST /runs/:id/actions/apply
# (https://developer.hashicorp.com/terraform/cloud-docs/api-docs/run#apply-a-run: 202 queued,
# 409 "Run was not paused for confirmation"). Refused, before any POST, when
#   - the run does not wait for confirmation (`actions.is-confirmable` is false: already applied,
#     discarded, or still planning), or
#   - its configuration version is not the one the plan job uploaded (the relationship
#     `configuration-version` of the run), so no other configuration is ever applied under this
#     approval.
# The apply itself is then awaited by tfc-wait-run.sh.
#
# Environment:
#   TF_API_TOKEN, TF_API_TOKEN_SECRET, RUN_ID, CONFIGURATION_VERSION_ID (required)
#   COMMENT      the run comment that records who approved where (required)
#   RUN_LINK     the run's page, for messages
set -euo pipefail
# shellcheck source=tfc-api.sh
source "$(dirname "$0")/tfc-api.sh"

: "${RUN_ID:?}" "${CONFIGURATION_VERSION_ID:?}" "${COMMENT:?}"
link="${RUN_LINK:-$RUN_ID}"

tfc GET "/runs/${RUN_ID}"
status=$(jq -r '.data.attributes.status' "$TFC_BODY")
confirmable=$(jq -r '.data.attributes.actions["is-confirmable"] == true' "$TFC_BODY")
cv=$(jq -r '.data.relationships["configuration-version"].data.id // ""' "$TFC_BODY")

if [ "$confirmable" != true ]; then
  fail "Run not applied" "Run ${RUN_ID} does not wait for confirmation (it is ${status}); nothing was applied: ${link}"
fi
if [ "$cv" != "$CONFIGURATION_VERSION_ID" ]; then
  fail "Run not applied" "Run ${RUN_ID} belongs to configuration version ${cv:-none}, not to ${CONFIGURATION_VERSION_ID}, which the plan job uploaded; nothing was applied: ${link}"
fi

tfc_request POST "/runs/${RUN_ID}/actions/apply" "$(jq -n -c --arg comment "$COMMENT" '{comment: $comment}')"
case "$TFC_STATUS" in
  202) echo "Apply of ${RUN_ID} queued: ${link}" ;;
  409) fail "Run not applied" "Terraform Cloud refused to apply ${RUN_ID}: it was no longer paused for confirmation ($(tfc_error_detail)): ${link}" ;;
  *) tfc_fail_status POST "/runs/${RUN_ID}/actions/apply" ;;
esac
