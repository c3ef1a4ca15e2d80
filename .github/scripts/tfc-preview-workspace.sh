#!/usr/bin/env bash
# Finds a preview workspace, and creates it in the preview project when it is missing and
# CREATE=true. It never touches a workspace outside that project: the name of a preview
# workspace that exists in another project fails the job.
#
#   GET  /organizations/:org/projects?filter[names]=P    the preview project's id (the filter is
#                                                        case-insensitive:
#                                                        https://developer.hashicorp.com/terraform/cloud-docs/api-docs/projects#list-projects)
#   GET  /organizations/:org/workspaces/:name            200: check its relationships.project
#   POST /organizations/:org/workspaces                  on 404 with CREATE=true: the workspace in
#                                                        the project (relationships.project), manual
#                                                        apply (runs set auto-apply themselves), the
#                                                        Terraform version of .terraform-version
#                                                        (https://developer.hashicorp.com/terraform/cloud-docs/api-docs/workspaces#create-a-workspace)
#
# A 404 for the workspace while the token sees the project means it does not exist: a team with
# access to a project reads every workspace in it.
#
# Environment:
#   TF_API_TOKEN, TF_API_TOKEN_SECRET, TF_CLOUD_ORGANIZATION, WORKSPACE, PROJECT (required)
#   CREATE              true to create a missing workspace (default false)
#   TERRAFORM_VERSION   required with CREATE=true, an exact version such as 1.11.4
# Outputs: workspace_id (empty when missing), exists (true/false)
set -euo pipefail
# shellcheck source=tfc-api.sh
source "$(dirname "$0")/tfc-api.sh"

: "${TF_CLOUD_ORGANIZATION:?}" "${WORKSPACE:?}" "${PROJECT:?}"
create="${CREATE:-false}"

tfc GET "/organizations/${TF_CLOUD_ORGANIZATION}/projects?filter%5Bnames%5D=$(jq -rn --arg p "$PROJECT" '$p | @uri')"
project_id=$(jq -r --arg p "$PROJECT" '[.data[] | select((.attributes.name | ascii_downcase) == ($p | ascii_downcase)) | .id] | first // ""' "$TFC_BODY")
if [ -z "$project_id" ]; then
  fail_setup "Preview project not found" "Terraform Cloud shows the token in $(token_name) no project ${PROJECT} in organization ${TF_CLOUD_ORGANIZATION}. The bootstrap stack creates it and gives that token's team access to it."
fi

tfc_request GET "/organizations/${TF_CLOUD_ORGANIZATION}/workspaces/${WORKSPACE}"
case "$TFC_STATUS" in
  200)
    actual=$(jq -r '.data.relationships.project.data.id // ""' "$TFC_BODY")
    if [ "$actual" != "$project_id" ]; then
      fail "Workspace outside the preview project" "Workspace ${WORKSPACE} exists in project ${actual:-unknown}, not in ${PROJECT} (${project_id}); a preview never uses it. Rename or move that workspace."
    fi
    workspace_id=$(jq -r '.data.id' "$TFC_BODY")
    echo "Workspace ${WORKSPACE} (${workspace_id}) is in ${PROJECT}."
    set_output workspace_id "$workspace_id"
    set_output exists true
    ;;
  404)
    if [ "$create" != true ]; then
      echo "Workspace ${WORKSPACE} does not exist in ${PROJECT}."
      set_output workspace_id ""
      set_output exists false
      exit 0
    fi
    : "${TERRAFORM_VERSION:?TERRAFORM_VERSION is required to create a workspace}"
    [[ "$TERRAFORM_VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "Invalid input" "TERRAFORM_VERSION '${TERRAFORM_VERSION}' is not an exact version such as 1.11.4."
    payload=$(jq -n -c --arg name "$WORKSPACE" --arg version "$TERRAFORM_VERSION" --arg project "$project_id" \
      '{data: {type: "workspaces",
        attributes: {name: $name, "terraform-version": $version, "auto-apply": false,
                     description: "Preview database of a pull request; deleted when it closes."},
        relationships: {project: {data: {type: "projects", id: $project}}}}}')
    tfc POST "/organizations/${TF_CLOUD_ORGANIZATION}/workspaces" "$payload"
    workspace_id=$(jq -r '.data.id' "$TFC_BODY")
    echo "Created workspace ${WORKSPACE} (${workspace_id}) in ${PROJECT}."
    set_output workspace_id "$workspace_id"
    set_output exists true
    ;;
  *) tfc_fail_status GET "/organizations/${TF_CLOUD_ORGANIZATION}/workspaces/${WORKSPACE}" ;;
esac
