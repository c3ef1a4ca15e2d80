#!/usr/bin/env bash
# Refuses a pull request's synthesized preview stack before any call to Terraform Cloud. The
# stack is built by the pull request's code, in a job without a token; what reaches the preview
# token's job is only this JSON, which Terraform Cloud then plans and applies with the preview
# project's AWS credentials. So the configuration may hold nothing that runs code or reaches
# another host than AWS's:
#   - the cloud block of stack-workspace.sh (organization, the preview project, the workspace
#     "<prefix>-<stack>"), and no backend;
#   - only these top-level blocks: terraform, provider, resource, data, output, locals, variable,
#     moved, removed, import (no module, check, ephemeral or anything newer);
#   - terraform: only cloud, required_providers, required_version;
#   - required_providers: only aws and random, with sources that resolve to hashicorp/aws and
#     hashicorp/random (Terraform completes "aws" and "hashicorp/aws" to
#     registry.terraform.io/hashicorp/aws: https://developer.hashicorp.com/terraform/language/providers/requirements#source-addresses;
#     cdktf writes "aws");
#   - provider blocks of aws and random only, and no aws provider setting that sends its requests
#     elsewhere (endpoints, http_proxy, https_proxy, custom_ca_bundle, insecure): the requests
#     carry the run's temporary AWS credentials;
#   - resource and data source types aws_* and random_* only (no external, http, null_resource,
#     terraform_data, terraform_remote_state);
#   - no provisioner anywhere (local-exec runs a command on Terraform Cloud's worker).
# Every problem is reported; then the step fails.
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

jq -r '
  def entries: to_entries | map(select(.key != "//"));
  def source_of($name): (if type == "object" then .source // $name else $name end) | ascii_downcase | split("/")
    | if length == 1 then ["registry.terraform.io", "hashicorp"] + .
      elif length == 2 then ["registry.terraform.io"] + .
      else . end | join("/");
  def typed($kind): (.[$kind] // {}) | entries[] | .key
    | select((startswith("aws_") or startswith("random_")) | not)
    | "has \($kind) type \(.) (only aws_* and random_* are allowed)";
  ["//", "terraform", "provider", "resource", "data", "output", "locals", "variable", "moved", "removed", "import"] as $blocks
  | ["aws", "random"] as $providers
  | (keys - $blocks | .[] | "has a top-level \(.) block"),
    ((.terraform // {}) | keys - ["//", "cloud", "required_providers", "required_version"] | .[] | "has terraform.\(.)"),
    ((.terraform.required_providers // {}) | entries[]
      | .key as $name | (.value | source_of($name)) as $source
      | if any($providers[]; . == $name) | not then "requires provider \($name) (\($source))"
        elif $source != "registry.terraform.io/hashicorp/\($name)" then "requires provider \($name) from \($source), not hashicorp/\($name)"
        else empty end),
    ((.provider // {}) | entries[]
      | if (.key as $k | any($providers[]; . == $k)) | not then "configures provider \(.key)"
        else .key as $name | (.value | if type == "array" then .[] else . end)
          | keys - (keys - ["endpoints", "http_proxy", "https_proxy", "custom_ca_bundle", "insecure"]) | .[]
          | "sets \(.) in provider \($name)"
        end),
    typed("resource"),
    typed("data"),
    ([paths(type == "object" and has("provisioner"))] | unique[] | "has a provisioner at \(map(tostring) | join("."))")
' "${directory}/cdk.tf.json" > "$TFC_WORK/problems"

refused=0
while read -r problem; do
  error "Preview stack refused" "Stack ${STACK} ${problem}. A preview may hold only AWS and random resources in the preview project."
  refused=$((refused + 1))
done < "$TFC_WORK/problems"

# The cloud block, against the preview project: reports its own problems.
if ! EXPECTED_PROJECT="$TF_CLOUD_PREVIEW_PROJECT" bash "$(dirname "$0")/stack-workspace.sh" "$directory"; then
  refused=$((refused + 1))
fi
[ "$refused" -eq 0 ] || exit 1
echo "Preview stack ${STACK} holds only what a preview may."
