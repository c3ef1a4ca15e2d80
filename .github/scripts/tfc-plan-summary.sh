#!/usr/bin/env bash
# Summarizes one Terraform Cloud run for the pull-request comment and the deploy job summary,
# with nothing more than a plan-only team token may read:
#
#   GET /runs/:id?include=plan   the run's status, whether it is confirmable, the plan's counts of
#                                additions, changes and destructions, and its log-read-url
#   the plan's log               with structured run output (on by default), Terraform Cloud logs
#                                the plan as Terraform's machine-readable UI: one JSON message a
#                                line, a `planned_change` per resource with `change.action`
#                                (`delete`, `replace`, ...) and `change.resource.resource_type`
#
# A destroy or replace of an aws_rds_cluster is read from those planned_change messages, so the
# admin-only JSON plan (GET /plans/:id/json-output) is never needed. When the plan destroys
# something and the log holds no structured plan (structured run output off, or the log could not
# be read), the cluster check is "unverified" and the summary says so instead of saying "safe".
#
# The summary runs after tfc-wait-run.sh. Counts are read only from a plan whose status is
# `finished` (https://developer.hashicorp.com/terraform/cloud-docs/api-docs/plans#plan-states): a
# run whose wait hit its deadline is reported as "still running (<status>)", with no counts and no
# cluster warning, never as destroying an unknown number of resources; a run that ended without a
# finished plan (errored, canceled, discarded) keeps its status and is "not-planned".
#
# Environment:
#   STACK                 the stack (required)
#   SUMMARY_FILE          where the JSON summary is written (required)
#   RUN_ID                the run create-run made; empty when there is none
#   RUN_LINK              the run's page in Terraform Cloud
#   TF_API_TOKEN          a token that may read the workspace's runs (required with RUN_ID)
#   TF_API_TOKEN_SECRET   the GitHub secret that holds it, for messages
#   NO_RUN_STATUS         the status reported when there is no run (default "no run")
#   APPROVAL_ENVIRONMENT  the GitHub environment whose approval applies a confirmable run
#   GITHUB_OUTPUT, GITHUB_STEP_SUMMARY   written when set (GitHub Actions sets them)
set -euo pipefail
# shellcheck source=tfc-api.sh
source "$(dirname "$0")/tfc-api.sh"

: "${STACK:?STACK names the stack}"
: "${SUMMARY_FILE:?SUMMARY_FILE names the JSON summary to write}"
run_id="${RUN_ID:-}"
link="${RUN_LINK:-}"
work="$TFC_WORK"

# write_summary STATUS CONFIRMABLE HAS_CHANGES ADD CHANGE DESTROY CLUSTER_JSON CLUSTER_CHECK
write_summary() {
  jq -n \
    --arg stack "$STACK" --arg status "$1" --arg link "$link" --arg runId "$run_id" \
    --argjson confirmable "$2" --argjson hasChanges "$3" \
    --argjson add "$4" --argjson change "$5" --argjson destroy "$6" \
    --argjson cluster "$7" --arg clusterCheck "$8" \
    '{stack: $stack, status: $status, runId: $runId, link: $link, confirmable: $confirmable,
      hasChanges: $hasChanges, add: $add, change: $change, destroy: $destroy,
      cluster: $cluster, clusterCheck: $clusterCheck}' > "$SUMMARY_FILE"
  set_output status "$1"
  set_output confirmable "$2"
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    jq -r --arg environment "${APPROVAL_ENVIRONMENT:-}" '
      def count: if . == null then "-" else tostring end;
      "### \(.stack): \(if .link != "" then "[\(.status)](\(.link))" else .status end)",
      "",
      "| add | change | destroy |",
      "|---|---|---|",
      "| \(.add | count) | \(.change | count) | \(.destroy | count) |",
      "",
      (if (.cluster | length) > 0 then
        "> [!CAUTION]",
        "> This plan DESTROYS or REPLACES the Aurora cluster: \(.cluster | map("`\(.address)` (\(.action))") | join(", ")). Data would be lost.",
        ""
      else empty end),
      (if .clusterCheck == "running" then
        "> [!WARNING]",
        "> This run had not finished its plan when this job stopped waiting for it. It goes on in Terraform Cloud: open the run.",
        ""
      else empty end),
      (if .clusterCheck == "unverified" then
        "> [!WARNING]",
        "> This plan destroys \(.destroy // "some") resources, and its log holds no structured plan: whether the Aurora cluster is among them is unverified. Read the plan in Terraform Cloud.",
        ""
      else empty end),
      (if .confirmable and $environment != "" then
        "Approving the `\($environment)` environment applies this run, and nothing else.", ""
      else empty end)
    ' "$SUMMARY_FILE" >> "$GITHUB_STEP_SUMMARY"
  fi
}

if [ -z "$run_id" ]; then
  write_summary "${NO_RUN_STATUS:-no run}" false false null null null '[]' "not-run"
  exit 0
fi
: "${TF_API_TOKEN:?TF_API_TOKEN must be able to read the runs of the workspace}"

tfc_request GET "/runs/${run_id}?include=plan"
if [ "$TFC_STATUS" != 200 ]; then
  write_summary "unknown: the run could not be read" false false null null null '[]' "unverified"
  tfc_fail_status GET "/runs/${run_id}?include=plan"
fi
cp "$TFC_BODY" "$work/run.json"

read_run() { jq -c "$1" "$work/run.json"; }
status=$(jq -r '.data.attributes.status' "$work/run.json")
confirmable=$(read_run '.data.attributes.actions["is-confirmable"] == true')
plan=$(read_run 'first((.included // [])[] | select(.type == "plans")) // {attributes: {}}')
plan_status=$(jq -r '.attributes.status // ""' <<<"$plan")

if [ "$plan_status" != finished ]; then
  if run_is_final "$status"; then
    write_summary "$status" false false null null null '[]' "not-planned"
  else
    write_summary "still running (${status})" false false null null null '[]' "running"
  fi
  exit 0
fi

plan_attribute() { jq -c --arg name "$1" '.attributes[$name] // null' <<<"$plan"; }
has_changes=$(jq -c '.attributes["has-changes"] == true' <<<"$plan")
add=$(plan_attribute resource-additions)
change=$(plan_attribute resource-changes)
destroy=$(plan_attribute resource-destructions)
log_url=$(jq -r '.attributes["log-read-url"] // ""' <<<"$plan")

# The log URL is pre-signed: it gets no token.
structured=false
cluster='[]'
log_read=false
if [ -n "$log_url" ]; then
  http_request GET "$log_url" "$work/plan.log" --location
  case "$HTTP_STATUS" in 2??) log_read=true ;; esac
fi
if [ "$log_read" = true ]; then
  # Terraform Cloud frames the log with STX and ETX; lines that are not JSON (the worker's own
  # preamble) are skipped.
  tr -d '\002\003' < "$work/plan.log" | jq -R -s -c '
    [split("\n")[] | try fromjson catch empty | select(type == "object" and has("type"))] as $messages
    | {
        structured: any($messages[]; .type == "change_summary"),
        cluster: [
          $messages[]
          | select(.type == "planned_change")
          | select(.change.resource.resource_type == "aws_rds_cluster")
          | select(.change.action == "delete" or .change.action == "replace")
          | {address: .change.resource.addr, action: .change.action}
        ]
      }' > "$work/changes.json"
  structured=$(jq -c '.structured' "$work/changes.json")
  cluster=$(jq -c '.cluster' "$work/changes.json")
fi

# A replace counts as a destruction too, so a plan that destroys nothing cannot touch the cluster.
if [ "$destroy" = "0" ] || [ "$structured" = "true" ]; then
  check="checked"
elif [ "$status" = "errored" ] || [ "$status" = "canceled" ] || [ "$status" = "discarded" ]; then
  check="not-planned"
else
  check="unverified"
fi
write_summary "$status" "$confirmable" "$has_changes" "$add" "$change" "$destroy" "$cluster" "$check"
