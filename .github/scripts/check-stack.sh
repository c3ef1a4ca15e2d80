#!/usr/bin/env bash
# Refuses a synthesized stack before it is uploaded to Terraform Cloud. Terraform Cloud plans what
# it is given on its own worker, with the workspace's AWS credentials (the environment's or the
# previews' plan role) and the run's token; a pull request's plan and preview run what that pull
# request's code synthesized. So the folder may hold nothing that runs code, reads the worker's
# files or reaches another host than AWS's:
#   - the folder holds cdk.tf.json alone, a regular file: Terraform reads every .tf and .tf.json
#     file of the folder (https://developer.hashicorp.com/terraform/language/files), and the
#     synth writes nothing else there (no .terraform folder, lock file or variable file);
#   - the cloud block of stack-workspace.sh (organization, EXPECTED_PROJECT, the workspace
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
#     null_data_source, terraform_data, terraform_remote_state);
#   - no provisioner anywhere (local-exec runs a command on Terraform Cloud's worker);
#   - no expression that reads a file of the worker (file, filebase64, templatefile and the other
#     functions that take a path: https://developer.hashicorp.com/terraform/language/functions/file),
#     whose content a plan would show.
# Every problem is reported; then the step fails.
#
# Usage: check-stack.sh STACK_DIR
# Environment: STACK, TF_CLOUD_ORGANIZATION, TF_CLOUD_WORKSPACE_PREFIX, EXPECTED_PROJECT (required)
# Outputs: name (the workspace)
set -euo pipefail
# shellcheck source=tfc-api.sh
source "$(dirname "$0")/tfc-api.sh"

: "${STACK:?}" "${EXPECTED_PROJECT:?}"
directory="${1:?STACK_DIR}"
[ -d "$directory" ] || fail "Stack ${STACK} refused" "${directory} is not a folder: the synth did not write stack ${STACK}."
document="${directory}/cdk.tf.json"
problems="$TFC_WORK/problems"
: > "$problems"
parsed=false

# Anything beside cdk.tf.json, hidden entries included, and a cdk.tf.json that is not a regular file.
find -H "$directory" -mindepth 1 -maxdepth 1 ! -name cdk.tf.json -printf 'holds %f beside cdk.tf.json\n' >> "$problems"
if [ -L "$document" ] || [ ! -f "$document" ]; then
  echo "has no cdk.tf.json that is a regular file" >> "$problems"
elif ! jq -e 'type == "object"' "$document" > /dev/null 2>&1; then
  echo "has a cdk.tf.json that is not a JSON object" >> "$problems"
else
  parsed=true
  jq -r '
    def entries: to_entries | map(select(.key != "//"));
    def source_of($name): (if type == "object" then .source // $name else $name end) | ascii_downcase | split("/")
      | if length == 1 then ["registry.terraform.io", "hashicorp"] + .
        elif length == 2 then ["registry.terraform.io"] + .
        else . end | join("/");
    def typed($kind): (.[$kind] // {}) | entries[] | .key
      | select((startswith("aws_") or startswith("random_")) | not)
      | "has \($kind) type \(.) (only aws_* and random_* are allowed)";
    def where: map(tostring) | join(".");
    # What the ${ } interpolations and %{ } directives of a string template hold, without the
    # literal parts of the quoted strings in them; odd when it holds what this reading does not
    # follow (a comment or a heredoc in an expression, an interpolation that never closes).
    def expression_text:
      explode as $c
      | reduce range(0; $c | length) as $i ({stack: [], skip: 0, from: null, spans: [], odd: false};
          if .skip > 0 then .skip -= 1
          else $c[$i] as $ch | ($c[$i + 1] // -1) as $next | ($c[$i + 2] // -1) as $after
            | (.stack[-1] // "literal") as $mode
            | if $mode == "literal" or $mode == "string" then
                if $mode == "string" and $ch == 92 then .skip = 1
                elif $mode == "string" and $ch == 34 then .stack |= .[:-1] | .from = $i + 1
                elif ($ch == 36 or $ch == 37) and $next == $ch and $after == 123 then .skip = 2
                elif ($ch == 36 or $ch == 37) and $next == 123 then .stack += [1] | .skip = 1 | .from = $i + 2
                else . end
              elif $ch == 34 then .stack += ["string"] | .spans += [[.from, $i]]
              elif $ch == 123 then .stack[-1] += 1
              elif $ch == 125 then (if $mode == 1 then .stack |= .[:-1] | .spans += [[.from, $i]] | .from = $i + 1 else .stack[-1] -= 1 end)
              elif $ch == 35 or ($ch == 47 and ($next == 42 or $next == 47)) or ($ch == 60 and $next == 60) then .odd = true
              else . end
          end)
      | {text: ([.spans[] as [$from, $to] | $c[$from:$to] | implode] | join(" ")), odd: (.odd or (.stack | length) > 0)};
    ["//", "terraform", "provider", "resource", "data", "output", "locals", "variable", "moved", "removed", "import"] as $blocks
    | ["aws", "random"] as $providers
    | "(?<![\\w.])(file|filebase64|filebase64sha256|filebase64sha512|fileexists|fileset|filemd5|filesha1|filesha256|filesha512|templatefile)\\s*\\(" as $reads
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
      ([paths(type == "object" and has("provisioner"))] | unique[] | "has a provisioner at \(where)"),
      ([. as $document | paths as $path | ($path[-1] | strings), ($document | getpath($path) | strings)
        | select(test("[$%]\\{")) | expression_text
        | if .odd then "has an expression this check cannot read (a comment, a heredoc or an unclosed interpolation) at \($path | where)"
          elif .text | test($reads) then "reads a file of the worker at \($path | where)"
          else empty end] | unique[])
  ' "$document" >> "$problems"
fi

refused=0
while read -r problem; do
  error "Stack ${STACK} refused" "Stack ${STACK} ${problem}. Terraform Cloud plans it on its worker with the workspace's AWS credentials and the run's token: a stack may hold only AWS and random resources and data sources (.github/scripts/check-stack.sh)."
  refused=$((refused + 1))
done < "$problems"

# The cloud block, against EXPECTED_PROJECT: reports its own problems, and names the workspace,
# which becomes this step's output only when nothing was refused.
workspace_output="$TFC_WORK/workspace-output"
: > "$workspace_output"
if [ "$parsed" = true ] && ! GITHUB_OUTPUT="$workspace_output" bash "$(dirname "$0")/stack-workspace.sh" "$directory"; then
  refused=$((refused + 1))
fi
[ "$refused" -eq 0 ] || exit 1
[ -z "${GITHUB_OUTPUT:-}" ] || cat "$workspace_output" >> "$GITHUB_OUTPUT"
echo "Stack ${STACK} holds only what Terraform Cloud may plan."
