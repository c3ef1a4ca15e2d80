#!/usr/bin/env bash
# Uploads a synthesized stack as a new configuration version of its workspace, through the
# API-driven run workflow (https://developer.hashicorp.com/terraform/cloud-docs/api-docs/configuration-versions):
#
#   1. GET  /organizations/:org/workspaces/:name          the workspace id
#   2. POST /workspaces/:id/configuration-versions         auto-queue-runs false (the run is created
#                                                          next, with its own message and mode);
#                                                          speculative for pull-request plans
#   3. PUT  <upload-url>                                   the stack's folder as a tar.gz
#                                                          (application/octet-stream, no token: the
#                                                          URL is pre-signed and returned only once)
#   4. GET  /configuration-versions/:id                    until `uploaded`: "A configuration
#                                                          version created through the API or CLI can
#                                                          only be used in runs if it is in an
#                                                          uploaded state"; `errored` fails
#
# Environment:
#   TF_API_TOKEN, TF_API_TOKEN_SECRET, TF_CLOUD_ORGANIZATION, WORKSPACE (required)
#   CONFIG_DIR            the stack's folder (required), e.g. cdktf.out/stacks/dev
#   SPECULATIVE           true for a plan-only configuration (default false)
#   UPLOAD_WAIT_SECONDS   how long to wait for `uploaded` (default 120)
#   POLL_SECONDS          between two reads (default 2)
# Outputs: workspace_id, configuration_version_id
set -euo pipefail
# shellcheck source=tfc-api.sh
source "$(dirname "$0")/tfc-api.sh"

: "${TF_CLOUD_ORGANIZATION:?}" "${WORKSPACE:?}" "${CONFIG_DIR:?}"
speculative="${SPECULATIVE:-false}"
case "$speculative" in true | false) ;; *) fail "Invalid input" "SPECULATIVE must be true or false, not '${speculative}'." ;; esac
[ -f "${CONFIG_DIR}/cdk.tf.json" ] || fail "No configuration" "${CONFIG_DIR}/cdk.tf.json does not exist."

tfc_request GET "/organizations/${TF_CLOUD_ORGANIZATION}/workspaces/${WORKSPACE}"
if [ "$TFC_STATUS" = 404 ]; then
  fail_setup "Workspace not found" "Terraform Cloud has no workspace ${WORKSPACE} in organization ${TF_CLOUD_ORGANIZATION} that the token in $(token_name) may read. The bootstrap stack creates every environment's workspace and gives that token's team access to it."
fi
[ "$TFC_STATUS" = 200 ] || tfc_fail_status GET "/organizations/${TF_CLOUD_ORGANIZATION}/workspaces/${WORKSPACE}"
workspace_id=$(jq -r '.data.id' "$TFC_BODY")

archive="$TFC_WORK/configuration.tar.gz"
tar -czf "$archive" -C "$CONFIG_DIR" .

payload=$(jq -n -c --argjson speculative "$speculative" \
  '{data: {type: "configuration-versions", attributes: {"auto-queue-runs": false, speculative: $speculative}}}')
tfc POST "/workspaces/${workspace_id}/configuration-versions" "$payload"
cv_id=$(jq -r '.data.id' "$TFC_BODY")
upload_url=$(jq -r '.data.attributes["upload-url"] // empty' "$TFC_BODY")
[ -n "$upload_url" ] || fail "Terraform Cloud request failed" "POST /workspaces/${workspace_id}/configuration-versions returned no upload-url."

http_request PUT "$upload_url" "$TFC_WORK/upload-answer" \
  --header "Content-Type: application/octet-stream" --data-binary "@${archive}"
case "$HTTP_STATUS" in
  2??) ;;
  *) fail "Configuration upload failed" "PUT of the configuration of ${WORKSPACE} (${cv_id}) answered HTTP ${HTTP_STATUS}." ;;
esac

deadline=$(($(date +%s) + ${UPLOAD_WAIT_SECONDS:-120}))
while :; do
  tfc GET "/configuration-versions/${cv_id}"
  status=$(jq -r '.data.attributes.status' "$TFC_BODY")
  case "$status" in
    uploaded) break ;;
    errored) fail "Configuration upload failed" "Terraform Cloud could not process configuration version ${cv_id} of ${WORKSPACE}: $(jq -r '.data.attributes["error-message"] // .data.attributes.error // "no detail"' "$TFC_BODY")" ;;
  esac
  if [ "$(date +%s)" -ge "$deadline" ]; then
    fail "Configuration upload timed out" "Configuration version ${cv_id} of ${WORKSPACE} is still ${status} after ${UPLOAD_WAIT_SECONDS:-120}s."
  fi
  sleep "${POLL_SECONDS:-2}"
done

echo "Uploaded ${CONFIG_DIR} to ${WORKSPACE} as ${cv_id} (speculative: ${speculative})."
set_output workspace_id "$workspace_id"
set_output configuration_version_id "$cv_id"
