#!/usr/bin/env bash
# Deletes a preview workspace once its resources are destroyed, through the safe-delete endpoint,
# which refuses (409) while the workspace manages resources. Right after `terraform destroy` the
# new, empty state is often still being processed and the answer is 409 too, so 409, 429, 5xx and
# network errors are retried with exponential backoff; any other answer, or the last retry, fails
# with a message that says what is left to do. 404 means the workspace is already gone.
#
# Environment:
#   TF_API_TOKEN           token allowed to delete workspaces of the preview project (required)
#   TF_CLOUD_ORGANIZATION  organization (required)
#   WORKSPACE              workspace name (required)
#   DELETE_ATTEMPTS        attempts before giving up (default 6)
#   RETRY_DELAY_SECONDS    first wait between attempts, doubled after each (default 10)
#   TFC_API_URL            default https://app.terraform.io/api/v2
set -euo pipefail

: "${TF_API_TOKEN:?TF_API_TOKEN must be allowed to delete workspaces of the preview project}"
: "${TF_CLOUD_ORGANIZATION:?}" "${WORKSPACE:?}"
api="${TFC_API_URL:-https://app.terraform.io/api/v2}"
attempts="${DELETE_ATTEMPTS:-6}"
delay="${RETRY_DELAY_SECONDS:-10}"

body=$(mktemp)
trap 'rm -f "$body"' EXIT

detail() { jq -r '[.errors[]? | .detail // .title // empty] | join("; ")' "$body" 2>/dev/null || true; }

for attempt in $(seq 1 "$attempts"); do
  status=$(curl --silent --show-error --output "$body" --write-out '%{http_code}' --request POST \
    --header "Authorization: Bearer ${TF_API_TOKEN}" \
    --header "Content-Type: application/vnd.api+json" \
    "${api}/organizations/${TF_CLOUD_ORGANIZATION}/workspaces/${WORKSPACE}/actions/safe-delete") || status=000
  case "$status" in
    200 | 202 | 204)
      echo "Deleted workspace ${WORKSPACE}."
      exit 0
      ;;
    404)
      echo "Workspace ${WORKSPACE} does not exist (already deleted)."
      exit 0
      ;;
    409 | 429 | 5?? | 000)
      echo "Attempt ${attempt}/${attempts}: HTTP ${status}. $(detail)"
      if [ "$attempt" -lt "$attempts" ]; then
        sleep "$delay"
        delay=$((delay * 2))
      fi
      ;;
    *)
      echo "::error title=Preview workspace not deleted::Terraform Cloud answered HTTP ${status} to deleting ${WORKSPACE}: $(detail)"
      exit 1
      ;;
  esac
done

echo "::error title=Preview workspace not deleted::Terraform Cloud still refused to delete ${WORKSPACE} after ${attempts} attempts (last answer HTTP ${status}: the workspace still manages resources, or its state is still being processed). The destroy above finished; delete the workspace in Terraform Cloud, or re-run this job."
exit 1
