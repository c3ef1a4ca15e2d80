#!/usr/bin/env bash
# Reads the Terraform Cloud workspace of a synthesized stack from its cloud block, and refuses the
# stack unless that block is exactly what the repository variables and the stack's name give:
#   - a `cloud` block and no `backend` (without TF_CLOUD_ORGANIZATION the app writes a local
#     backend, which no workflow may plan or apply);
#   - organization = TF_CLOUD_ORGANIZATION, no other hostname than app.terraform.io;
#   - workspaces.name = "<TF_CLOUD_WORKSPACE_PREFIX>-<stack>" (stacks/backend.ts, workspaceName),
#     never empty or "null", and no workspace tags;
#   - workspaces.project = EXPECTED_PROJECT (TF_CLOUD_PROJECT, or TF_CLOUD_PREVIEW_PROJECT for a
#     preview).
# Every problem is reported; then the step fails.
#
# Usage: stack-workspace.sh STACK_DIR   (STACK_DIR/cdk.tf.json)
# Environment: STACK, TF_CLOUD_ORGANIZATION, TF_CLOUD_WORKSPACE_PREFIX, EXPECTED_PROJECT (required)
# Outputs: name (the workspace)
set -euo pipefail
# shellcheck source=tfc-api.sh
source "$(dirname "$0")/tfc-api.sh"

: "${STACK:?}" "${EXPECTED_PROJECT:?}"
: "${TF_CLOUD_ORGANIZATION:?}" "${TF_CLOUD_WORKSPACE_PREFIX:?}"
document="${1:?STACK_DIR}/cdk.tf.json"
[ -f "$document" ] || fail "Stack not synthesized" "${document} does not exist: the synth did not write stack ${STACK}."
expected="${TF_CLOUD_WORKSPACE_PREFIX}-${STACK}"

jq -r --arg org "$TF_CLOUD_ORGANIZATION" --arg name "$expected" --arg project "$EXPECTED_PROJECT" '
  (.terraform // {}) as $t | ($t.cloud // null) as $c
  | if $t.backend != null or $c == null then
      "has no cloud block (\($t.backend // {} | keys | map("backend \"" + . + "\"") | join(", ") | if . == "" then "no backend" else . end) instead): it was synthesized without TF_CLOUD_ORGANIZATION, so its state would stay on the runner"
    else
      (if $c.organization != $org then "names organization \($c.organization | tojson), not TF_CLOUD_ORGANIZATION \($org | tojson)" else empty end),
      (if ($c.hostname // "app.terraform.io") != "app.terraform.io" then "names hostname \($c.hostname | tojson), not app.terraform.io" else empty end),
      (($c.workspaces // {}) as $w
        | (if ($w.name // "") == "" or $w.name == "null" then "names no workspace (\($w.name | tojson))"
           elif $w.name != $name then "names workspace \($w.name | tojson), not \($name | tojson) (TF_CLOUD_WORKSPACE_PREFIX-stack)"
           else empty end),
          (if $w.project != $project then "names project \($w.project | tojson), not \($project | tojson)" else empty end),
          (if $w.tags != null then "selects workspaces by tags" else empty end))
    end' "$document" > "$TFC_WORK/problems"

if [ -s "$TFC_WORK/problems" ]; then
  while read -r problem; do
    error "Stack ${STACK} refused" "The cloud block of stack ${STACK} ${problem}. See $(bootstrap_link)"
  done < "$TFC_WORK/problems"
  exit 1
fi
echo "Stack ${STACK}: workspace ${expected} of project ${EXPECTED_PROJECT} in ${TF_CLOUD_ORGANIZATION}."
set_output name "$expected"
