#!/usr/bin/env bash
# The guard at the start of every job that holds, or must not hold, a Terraform Cloud token. It
# never sees a token's value: the workflow passes `${{ secrets.NAME != '' }}` as HAS_<NAME>.
#
#   required   a secret this job needs is empty: it is not set where it belongs (the repository
#              for TF_PLAN_TOKEN and TF_PREVIEW_TOKEN, the job's GitHub environment for the
#              ENVIRONMENT_ secrets);
#   forbidden  an ENVIRONMENT_ secret is visible to a job that must not hold it: it was set as a
#              repository or organization secret, which every branch's workflow can read (or in
#              an environment that must not hold it). Delete it there and set it only in the
#              environments that need it.
#
# Environment:
#   REQUIRED_SECRETS    space-separated names this job needs (may be empty)
#   FORBIDDEN_SECRETS   space-separated names this job must not see (may be empty)
#   HAS_<NAME>          "true" or "false" for each name above
#   JOB_ENVIRONMENT     the job's GitHub environment, empty for none
set -euo pipefail
# shellcheck source=tfc-api.sh
source "$(dirname "$0")/tfc-api.sh"

environment="${JOB_ENVIRONMENT:-}"
problems=0
has() { # NAME: whether the workflow said the secret is visible; unknown names fail closed
  local flag="HAS_$1"
  case "${!flag:-}" in
    true) return 0 ;;
    false) return 1 ;;
    *) fail "Guard misconfigured" "HAS_$1 is '${!flag:-}', not true or false." ;;
  esac
}

for name in ${REQUIRED_SECRETS:-}; do
  if ! has "$name"; then
    if [ -n "$environment" ]; then
      error "Secret missing" "The secret ${name} is not set in the GitHub environment ${environment}. Set it there (Settings > Environments > ${environment} > Environment secrets). See $(bootstrap_link)"
    else
      error "Secret missing" "The repository secret ${name} is not set (Settings > Secrets and variables > Actions). See $(bootstrap_link)"
    fi
    problems=$((problems + 1))
  fi
done

for name in ${FORBIDDEN_SECRETS:-}; do
  if has "$name"; then
    if [ -n "$environment" ]; then
      where="this job, which runs in the GitHub environment ${environment} and must not hold it: it is a repository or organization secret, or a secret of ${environment}"
    else
      where="this job, which runs in no GitHub environment: it is a repository or organization secret, which a workflow on any branch can read"
    fi
    error "Secret visible outside its environment" "The secret ${name} is visible to ${where}. Delete it there and set it in each environment that needs it. See $(bootstrap_link)"
    problems=$((problems + 1))
  fi
done

[ "$problems" -eq 0 ] || exit 1
echo "Secrets as expected: required [${REQUIRED_SECRETS:-}], absent [${FORBIDDEN_SECRETS:-}]${environment:+ in ${environment}}."
