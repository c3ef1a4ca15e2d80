#!/usr/bin/env bash
# Leaves no run of this deploy behind in a workspace's queue. A run that waits for confirmation
# holds the workspace: every later run queues behind it. Every run a deploy creates carries a
# marker in its message; this script finds the workspace's unfinished runs with that marker (and
# RUN_ID, when known) and
#   - discards a run that can be discarded (pending, or waiting for confirmation after its plan),
#   - cancels a run that is still planning,
#   - leaves alone a run that is confirmed, applying or finished: an apply is never interrupted.
# Discarding and cancelling need permission to apply runs (the apply token).
#
# Environment:
#   TF_API_TOKEN           token with permission to apply runs in the workspace (required)
#   TF_CLOUD_ORGANIZATION  organization (required)
#   WORKSPACE              workspace name (required)
#   RUN_MARKER             text every run of this deploy has in its message (required)
#   RUN_ID                 a run id known to belong to this deploy (optional)
#   TF_API_TOKEN_SECRET    the GitHub secret that holds the token, for messages
# Runs and their actions: https://developer.hashicorp.com/terraform/cloud-docs/api-docs/run
# (list runs in a workspace with filter[status_group]=non_final; discard; cancel). The discard
# and cancel POSTs are sent once (tfc-api.sh retries a POST on 429 only).
set -euo pipefail
# shellcheck source=tfc-api.sh
source "$(dirname "$0")/tfc-api.sh"

: "${TF_CLOUD_ORGANIZATION:?}" "${WORKSPACE:?}" "${RUN_MARKER:?}"

tfc GET "/organizations/${TF_CLOUD_ORGANIZATION}/workspaces/${WORKSPACE}"
workspace_id=$(jq -r '.data.id' "$TFC_BODY")
tfc GET "/workspaces/${workspace_id}/runs?filter%5Bstatus_group%5D=non_final&page%5Bsize%5D=100"
jq -r --arg marker "$RUN_MARKER" --arg known "${RUN_ID:-}" '
  [($known | select(. != "")), (.data[] | select((.attributes.message // "") | contains($marker)) | .id)]
  | unique[]' "$TFC_BODY" > "$TFC_WORK/ids"

if [ ! -s "$TFC_WORK/ids" ]; then
  echo "No unfinished run of this deploy in ${WORKSPACE}."
  exit 0
fi

comment=$(jq -n -c --arg marker "$RUN_MARKER" '{comment: "The GitHub deploy (\($marker)) did not apply this run."}')
while read -r id; do
  tfc GET "/runs/${id}"
  status=$(jq -r '.data.attributes.status' "$TFC_BODY")
  if [ "$(jq -r '.data.attributes.actions["is-discardable"] == true' "$TFC_BODY")" = "true" ]; then
    tfc POST "/runs/${id}/actions/discard" "$comment"
    echo "Discarded ${id} (was ${status})."
  elif [ "$(jq -r '.data.attributes.actions["is-cancelable"] == true' "$TFC_BODY")" = "true" ] &&
    case "$status" in
      pending | fetching | fetching_completed | pre_plan_running | pre_plan_completed | queuing | plan_queued | planning) true ;;
      *) false ;;
    esac
  then
    tfc POST "/runs/${id}/actions/cancel" "$comment"
    echo "Cancelled ${id} while it was ${status}."
  else
    echo "Left ${id} as it is: ${status}."
  fi
done < "$TFC_WORK/ids"
