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
#   TFC_API_URL            default https://app.terraform.io/api/v2
set -euo pipefail

: "${TF_API_TOKEN:?TF_API_TOKEN must be allowed to apply runs in the workspace}"
: "${TF_CLOUD_ORGANIZATION:?}" "${WORKSPACE:?}" "${RUN_MARKER:?}"
api="${TFC_API_URL:-https://app.terraform.io/api/v2}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

tfc() { # METHOD PATH [BODY]: prints the response body, fails on any non-2xx answer
  local method="$1" path="$2" body="${3:-}"
  curl --fail --silent --show-error --request "$method" \
    --header "Authorization: Bearer ${TF_API_TOKEN}" \
    --header "Content-Type: application/vnd.api+json" \
    ${body:+--data "$body"} \
    "${api}${path}"
}

tfc GET "/organizations/${TF_CLOUD_ORGANIZATION}/workspaces/${WORKSPACE}" > "$work/workspace.json"
workspace_id=$(jq -r '.data.id' "$work/workspace.json")
tfc GET "/workspaces/${workspace_id}/runs?filter%5Bstatus_group%5D=non_final&page%5Bsize%5D=100" > "$work/runs.json"
jq -r --arg marker "$RUN_MARKER" --arg known "${RUN_ID:-}" '
  [($known | select(. != "")), (.data[] | select((.attributes.message // "") | contains($marker)) | .id)]
  | unique[]' "$work/runs.json" > "$work/ids"

if [ ! -s "$work/ids" ]; then
  echo "No unfinished run of this deploy in ${WORKSPACE}."
  exit 0
fi

comment=$(jq -n -c --arg marker "$RUN_MARKER" '{comment: "The GitHub deploy (\($marker)) did not apply this run."}')
while read -r id; do
  tfc GET "/runs/${id}" > "$work/run.json"
  status=$(jq -r '.data.attributes.status' "$work/run.json")
  if [ "$(jq -r '.data.attributes.actions["is-discardable"] == true' "$work/run.json")" = "true" ]; then
    tfc POST "/runs/${id}/actions/discard" "$comment" > /dev/null
    echo "Discarded ${id} (was ${status})."
  elif [ "$(jq -r '.data.attributes.actions["is-cancelable"] == true' "$work/run.json")" = "true" ] &&
    case "$status" in
      pending | fetching | fetching_completed | pre_plan_running | pre_plan_completed | queuing | plan_queued | planning) true ;;
      *) false ;;
    esac
  then
    tfc POST "/runs/${id}/actions/cancel" "$comment" > /dev/null
    echo "Cancelled ${id} while it was ${status}."
  else
    echo "Left ${id} as it is: ${status}."
  fi
done < "$work/ids"
