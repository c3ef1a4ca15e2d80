#!/usr/bin/env bash
# Fails, naming each one, when a repository variable the workflow needs is empty. The bootstrap
# stack writes them all (Settings > Secrets and variables > Actions > Variables); an unset
# variable reads as an empty string in `${{ vars.NAME }}`. Without TF_CLOUD_ORGANIZATION the app
# would synthesize a local backend, which no workflow may plan or apply.
#
# Environment:
#   REQUIRED_VARIABLES   space-separated names (required); each is read from the variable of
#                        the same name, which the step sets from `vars`
set -euo pipefail
# shellcheck source=tfc-api.sh
source "$(dirname "$0")/tfc-api.sh"

: "${REQUIRED_VARIABLES:?}"
missing=0
for name in $REQUIRED_VARIABLES; do
  if [ -z "${!name:-}" ]; then
    error "Repository variable missing" "The repository variable ${name} is not set. The bootstrap stack writes it (Settings > Secrets and variables > Actions > Variables). See $(bootstrap_link)"
    missing=$((missing + 1))
  fi
done
[ "$missing" -eq 0 ] || exit 1
echo "Set: ${REQUIRED_VARIABLES}."
