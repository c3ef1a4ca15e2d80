#!/usr/bin/env bash
# Deletes a preview workspace after its destroy run, and proves it is gone. Safe delete
# (POST /organizations/:org/workspaces/:name/actions/safe-delete,
# https://developer.hashicorp.com/terraform/cloud-docs/api-docs/workspaces#safe-delete-a-workspace)
# answers
#   204  deleted: a GET of the workspace must then answer 404 (read again for a while), or the
#        job fails;
#   404  "Workspace not found, or user unauthorized to perform workspace delete": a token that may
#        read but not delete the workspace gets 404 too, so 404 counts as "already deleted" only
#        when a GET of the workspace also answers 404;
#   409  "not safe to delete because it is managing resources": right after a destroy the new,
#        empty state is often still being processed, so 409 is retried with exponential backoff.
# Deleting is idempotent in its effect (a second delete of a deleted workspace answers 404, and
# that 404 is verified), so 5xx and network errors are retried here too; 429 is retried by
# tfc-api.sh. Any other answer, or the last attempt, fails with what is left to do.
#
# Environment:
#   TF_API_TOKEN, TF_API_TOKEN_SECRET, TF_CLOUD_ORGANIZATION, WORKSPACE (required)
#   DELETE_ATTEMPTS       attempts before giving up (default 6)
#   RETRY_DELAY_SECONDS   first wait between attempts, doubled after each (default 10)
#   GONE_ATTEMPTS         reads of the workspace after a 204 before failing (default 6)
set -euo pipefail
# shellcheck source=tfc-api.sh
source "$(dirname "$0")/tfc-api.sh"

: "${TF_CLOUD_ORGANIZATION:?}" "${WORKSPACE:?}"
attempts="${DELETE_ATTEMPTS:-6}"
delay="${RETRY_DELAY_SECONDS:-10}"
path="/organizations/${TF_CLOUD_ORGANIZATION}/workspaces/${WORKSPACE}"
title="Preview workspace not deleted"

# exists: 0 when a GET of the workspace answers 200, 1 on 404; fails on anything else.
exists() {
  tfc_request GET "$path"
  case "$TFC_STATUS" in
    200) return 0 ;;
    404) return 1 ;;
    *) tfc_fail_status GET "$path" ;;
  esac
}

for attempt in $(seq 1 "$attempts"); do
  tfc_request POST "${path}/actions/safe-delete"
  status="$TFC_STATUS"
  case "$status" in
    200 | 202 | 204)
      for read in $(seq 1 "${GONE_ATTEMPTS:-6}"); do
        if ! exists; then
          echo "Deleted workspace ${WORKSPACE}."
          exit 0
        fi
        [ "$read" -ge "${GONE_ATTEMPTS:-6}" ] || sleep "$delay"
      done
      fail "$title" "Terraform Cloud answered HTTP ${status} to deleting ${WORKSPACE}, but the workspace still exists. Delete it in Terraform Cloud."
      ;;
    404)
      if exists; then
        fail_setup "$title" "Terraform Cloud answered 404 to deleting ${WORKSPACE}, but the workspace exists: the token in $(token_name) may read it but not delete it. Give its team the project permission to delete workspaces, then re-run this job."
      fi
      echo "Workspace ${WORKSPACE} does not exist (already deleted)."
      exit 0
      ;;
    409 | 5?? | 000)
      echo "Attempt ${attempt}/${attempts}: HTTP ${status}. $(tfc_error_detail)"
      if [ "$attempt" -lt "$attempts" ]; then
        sleep "$delay"
        delay=$((delay * 2))
      fi
      ;;
    *)
      fail "$title" "Terraform Cloud answered HTTP ${status} to deleting ${WORKSPACE}: $(tfc_error_detail)"
      ;;
  esac
done

fail "$title" "Terraform Cloud still refused to delete ${WORKSPACE} after ${attempts} attempts (last answer HTTP ${status}: the workspace still manages resources, or its state is still being processed). The destroy run finished; delete the workspace in Terraform Cloud, or re-run this job."
