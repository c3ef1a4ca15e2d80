#!/usr/bin/env bash
# Refuses a pull request's synthesized preview stack before any call to Terraform Cloud. The
# stack is built by the pull request's code, in a job without a token; what reaches the preview
# token's job is only this folder, which Terraform Cloud then plans and applies with the preview
# project's AWS credentials. The stack must be a preview stack (preview-<id>) and pass
# check-stack.sh, the one set of rules for every stack a workflow uploads, in the preview project.
#
# Usage: check-preview-stack.sh STACK_DIR
# Environment: STACK, TF_CLOUD_ORGANIZATION, TF_CLOUD_WORKSPACE_PREFIX, TF_CLOUD_PREVIEW_PROJECT
# Outputs: name (the workspace)
set -euo pipefail
# shellcheck source=tfc-api.sh
source "$(dirname "$0")/tfc-api.sh"

: "${STACK:?}" "${TF_CLOUD_PREVIEW_PROJECT:?}"
directory="${1:?STACK_DIR}"
case "$STACK" in
  preview-*) ;;
  *) fail "Preview stack refused" "Stack ${STACK} is not a preview stack (preview-<id>)." ;;
esac
EXPECTED_PROJECT="$TF_CLOUD_PREVIEW_PROJECT" bash "$(dirname "$0")/check-stack.sh" "$directory"
