#!/usr/bin/env bash
# Writes a workspace's current outputs that are not sensitive, in the shape of
# `terraform output -json` ({"name": {"value": ..., "type": ..., "sensitive": false}}), which
# `aurora-db env --outputs-file` reads. Source: GET /workspaces/:id/current-state-version-outputs
# (https://developer.hashicorp.com/terraform/cloud-docs/api-docs/state-version-outputs#show-current-state-version-outputs-for-a-workspace),
# which needs only "read state outputs", returns sensitive values as null, and answers 503 while
# the outputs are processed (retried like any GET). Sensitive outputs are dropped all the same.
#
# Environment:
#   TF_API_TOKEN, TF_API_TOKEN_SECRET, WORKSPACE_ID, OUTPUT_FILE (required)
set -euo pipefail
# shellcheck source=tfc-api.sh
source "$(dirname "$0")/tfc-api.sh"

: "${WORKSPACE_ID:?}" "${OUTPUT_FILE:?}"
tfc GET "/workspaces/${WORKSPACE_ID}/current-state-version-outputs?page%5Bsize%5D=100"
jq '[.data[] | .attributes | select(.sensitive != true)
     | {key: .name, value: {value: .value, type: .type, sensitive: false}}] | from_entries' "$TFC_BODY" > "$OUTPUT_FILE"
echo "Wrote $(jq 'length' "$OUTPUT_FILE") outputs (of $(jq '.data | length' "$TFC_BODY")) to ${OUTPUT_FILE}."
