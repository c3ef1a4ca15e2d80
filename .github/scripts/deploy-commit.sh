#!/usr/bin/env bash
# The commit a deploy applies, and the refusal of any other; the preflight's first check.
#
#   workflow_run       ci completed; the preflight's `if:` admitted only a successful ci run of a
#                      push to DEPLOY_BRANCH of this repository. The commit is the one ci tested
#                      (github.event.workflow_run.head_sha). Its branch is compared again here, to
#                      the letter: "GitHub ignores case when comparing strings" in an `if:`
#                      (https://docs.github.com/en/actions/reference/workflows-and-actions/expressions#operators),
#                      so a branch MAIN would pass it; and a workflow_run's GITHUB_REF is the
#                      default branch whatever branch ci ran on, which the environments' branch
#                      policy is matched against, so that would not stop it either
#                      (https://docs.github.com/en/actions/reference/workflows-and-actions/events-that-trigger-workflows#workflow_run,
#                      https://docs.github.com/en/actions/reference/workflows-and-actions/deployments-and-environments#deployment-branches-and-tags).
#   workflow_dispatch  someone with write access ran the deploy by hand
#                      (https://docs.github.com/en/actions/how-tos/manage-workflow-runs/manually-run-a-workflow).
#                      Only on the branch DEPLOY_BRANCH (GITHUB_REF "Branch or tag that received
#                      dispatch" is refs/heads/DEPLOY_BRANCH), and the commit is that branch's head
#                      when it was dispatched (GITHUB_SHA, "Last commit on the GITHUB_REF branch or
#                      tag": https://docs.github.com/en/actions/reference/workflows-and-actions/events-that-trigger-workflows#workflow_dispatch),
#                      once ci succeeded for that commit on a push, as the automatic deploy
#                      requires: GET /repos/{owner}/{repo}/actions/workflows/CI_WORKFLOW/runs with
#                      head_sha, event=push and status=success
#                      (https://docs.github.com/en/rest/actions/workflow-runs#list-workflow-runs-for-a-workflow).
#                      A run on another branch is refused here, with what to do instead; the GitHub
#                      environments, which deploy from DEPLOY_BRANCH alone, would refuse its jobs too.
# Any other event, and a commit that is not 40 hexadecimal digits, are refused.
#
# Environment:
#   EVENT_NAME      github.event_name (required)
#   DEPLOY_BRANCH   the only branch that deploys (required), e.g. main
#   CI_WORKFLOW     ci's workflow file (required), e.g. ci.yml
#   TESTED_SHA      github.event.workflow_run.head_sha, for workflow_run
#   TESTED_BRANCH   github.event.workflow_run.head_branch, for workflow_run
#   DISPATCH_REF    github.ref, for workflow_dispatch
#   DISPATCH_SHA    github.sha, for workflow_dispatch
#   GH_TOKEN        GITHUB_TOKEN with actions: read, for workflow_dispatch
#   GITHUB_REPOSITORY, GITHUB_API_URL, GITHUB_SERVER_URL   set by GitHub Actions
# Outputs: commit
set -euo pipefail
# shellcheck source=tfc-api.sh
source "$(dirname "$0")/tfc-api.sh"

: "${EVENT_NAME:?}" "${DEPLOY_BRANCH:?}" "${CI_WORKFLOW:?}"

full_commit() { # SHA WHAT: fails unless SHA is a full commit id
  [[ "$1" =~ ^[0-9a-f]{40}$ ]] || fail "Deploy refused" "The ${2} is '${1}', not a commit id (40 hexadecimal digits)."
}

case "$EVENT_NAME" in
  workflow_run)
    if [ "${TESTED_BRANCH:-}" != "$DEPLOY_BRANCH" ]; then
      fail "Deploy refused" "ci ran on the branch '${TESTED_BRANCH:-}', not on ${DEPLOY_BRANCH}: only a push to ${DEPLOY_BRANCH} deploys."
    fi
    commit="${TESTED_SHA:-}"
    full_commit "$commit" "commit ci tested"
    echo "Deploying ${commit}, which ci tested on a push to ${DEPLOY_BRANCH}."
    ;;
  workflow_dispatch)
    : "${GITHUB_REPOSITORY:?}"
    if [ "${DISPATCH_REF:-}" != "refs/heads/${DEPLOY_BRANCH}" ]; then
      fail "Deploy refused" "This deploy was run on ${DISPATCH_REF:-no ref}, not on the branch ${DEPLOY_BRANCH}: a deploy by hand applies the head of ${DEPLOY_BRANCH} and nothing else, and the GitHub environments deploy from ${DEPLOY_BRANCH} alone. Run it again on ${DEPLOY_BRANCH} (Actions > deploy > Run workflow, branch ${DEPLOY_BRANCH}; or gh workflow run deploy.yml --ref ${DEPLOY_BRANCH})."
    fi
    commit="${DISPATCH_SHA:-}"
    full_commit "$commit" "head of ${DEPLOY_BRANCH}"
    github_get "/repos/${GITHUB_REPOSITORY}/actions/workflows/${CI_WORKFLOW}/runs?head_sha=${commit}&event=push&status=success&per_page=100"
    if [ "$HTTP_STATUS" = 404 ]; then
      fail "Deploy refused" "GitHub has no workflow ${CI_WORKFLOW} in ${GITHUB_REPOSITORY} to show that ci tested ${commit}."
    fi
    tested=$(jq --arg sha "$commit" '[.workflow_runs[]? | select(.head_sha == $sha and .event == "push" and .conclusion == "success")] | length' "$GITHUB_BODY")
    if [ "$tested" -eq 0 ]; then
      fail "Commit not tested" "ci has not succeeded on a push of ${commit}, the head of ${DEPLOY_BRANCH} when this deploy was run: the deploy applies only what ci tested. Wait for ci to succeed on it, or re-run ci (${GITHUB_SERVER_URL:-https://github.com}/${GITHUB_REPOSITORY}/actions/workflows/${CI_WORKFLOW}), then run the deploy again."
    fi
    echo "Deploying ${commit}, the head of ${DEPLOY_BRANCH} when this deploy was run by hand, which ci tested on a push."
    ;;
  *)
    fail "Deploy refused" "The deploy runs after ci (workflow_run) or by hand (workflow_dispatch), not on ${EVENT_NAME}."
    ;;
esac
set_output commit "$commit"
