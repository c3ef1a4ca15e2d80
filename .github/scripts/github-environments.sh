#!/usr/bin/env bash
# Before anything is applied: every GitHub environment the deploy uses exists, deploys from
# DEPLOY_BRANCH only, and has required reviewers where the settings table says approvalRequired.
# GitHub creates a missing environment when a job first names it, with no reviewers, no secrets
# and no branch restriction
# (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idenvironment),
# so a typo or a forgotten bootstrap would otherwise deploy unguarded.
#
#   GET /repos/{owner}/{repo}/environments/{name}
#       https://docs.github.com/en/rest/deployments/environments#get-an-environment
#       protection_rules[] of type required_reviewers with reviewers[]; deployment_branch_policy
#       null (every branch), {protected_branches: true} or {custom_branch_policies: true}
#   GET /repos/{owner}/{repo}/environments/{name}/deployment-branch-policies
#       https://docs.github.com/en/rest/deployments/branch-policies#list-deployment-branch-policies
#       the name patterns: exactly one, of type branch, equal to DEPLOY_BRANCH
# Both need the "Actions" repository permission (read) of a fine-grained token or GitHub App,
# which for GITHUB_TOKEN is `permissions: actions: read`.
#
# Every problem of every environment is reported; then the step fails.
#
# Environment:
#   GH_TOKEN            GITHUB_TOKEN with actions: read (required)
#   GITHUB_REPOSITORY   owner/repo (set by GitHub Actions)
#   GITHUB_API_URL      default https://api.github.com (set by GitHub Actions)
#   ENVIRONMENTS        JSON array of {"name", "approvalRequired"} (required)
#   DEPLOY_BRANCH       the only branch that may deploy (required), e.g. main
set -euo pipefail
# shellcheck source=tfc-api.sh
source "$(dirname "$0")/tfc-api.sh"

: "${GH_TOKEN:?}" "${GITHUB_REPOSITORY:?}" "${ENVIRONMENTS:?}" "${DEPLOY_BRANCH:?}"
answer="$GITHUB_BODY"
problems=0

problem() { # ENVIRONMENT MESSAGE
  error "GitHub environment ${1} not ready" "Environment ${1}: ${2} See $(bootstrap_link)"
  problems=$((problems + 1))
}

while read -r entry; do
  name=$(jq -r '.name' <<<"$entry")
  approval=$(jq -r '.approvalRequired' <<<"$entry")
  path="/repos/${GITHUB_REPOSITORY}/environments/$(jq -rn --arg n "$name" '$n | @uri')"
  github_get "$path"
  if [ "$HTTP_STATUS" = 404 ]; then
    problem "$name" "does not exist. Create it (Settings > Environments), with deployment branches limited to ${DEPLOY_BRANCH}$([ "$approval" = true ] && echo ' and required reviewers'), before the deploy names it: GitHub would create it without any protection."
    continue
  fi
  environment="$TFC_WORK/environment.json"
  cp "$answer" "$environment"
  if [ "$approval" = true ] && [ "$(jq -r '[.protection_rules[]? | select(.type == "required_reviewers" and ((.reviewers // []) | length) > 0)] | length > 0' "$environment")" != true ]; then
    problem "$name" "has no required reviewers, and stacks/environments.ts says its applies need approval (approvalRequired). Add reviewers to it."
  fi
  policy=$(jq -c '.deployment_branch_policy' "$environment")
  if [ "$policy" = null ]; then
    problem "$name" "lets every branch deploy. Limit its deployment branches to ${DEPLOY_BRANCH} (Selected branches and tags)."
  elif [ "$(jq -r '.protected_branches == true' <<<"$policy")" = true ]; then
    problem "$name" "lets every protected branch deploy. Limit its deployment branches to ${DEPLOY_BRANCH} alone (Selected branches and tags)."
  else
    github_get "${path}/deployment-branch-policies?per_page=100"
    patterns=$(jq -c '[.branch_policies[]? | {name, type: (.type // "branch")}]' "$answer")
    if [ "$patterns" != "$(jq -n -c --arg b "$DEPLOY_BRANCH" '[{name: $b, type: "branch"}]')" ]; then
      problem "$name" "deploys from $(jq -r 'map("\(.type) \(.name)") | join(", ") | if . == "" then "no branch" else . end' <<<"$patterns"), not from the branch ${DEPLOY_BRANCH} alone."
    fi
  fi
  if [ "$approval" != true ] && [ "$(jq -r '[.protection_rules[]? | select(.type == "required_reviewers")] | length > 0' "$environment")" = true ]; then
    echo "::notice title=Reviewers on ${name}::Environment ${name} has required reviewers; its jobs will wait for approval."
  fi
done < <(jq -c '.[]' <<<"$ENVIRONMENTS")

[ "$problems" -eq 0 ] || exit 1
echo "Environments ready: $(jq -r 'map(.name) | join(", ")' <<<"$ENVIRONMENTS")."
