# shellcheck shell=bash
# Sourced, never run: the one HTTP client of the workflows' scripts (Terraform Cloud's API, the
# configuration upload, GitHub's REST API), and their one way to fail.
#
#   tfc METHOD PATH [BODY]         Terraform Cloud API call that must answer 2xx; the body is left
#                                  in "$TFC_BODY" (read it with jq). Fails, naming the endpoint,
#                                  the status and Terraform Cloud's error detail, on any other.
#   tfc_request METHOD PATH [BODY] the same call, which leaves any status in $TFC_STATUS to the
#                                  caller (a 404 that means "not there", a 409 to retry).
#   http_request METHOD URL OUT [curl options...]   the retrying engine both are built on.
#   github_get PATH                GitHub REST API GET with GH_TOKEN that must answer 200 or 404;
#                                  the body is left in "$GITHUB_BODY", the status in $HTTP_STATUS.
#   run_is_final STATUS            whether a run's status is final: nothing follows it.
#   fail TITLE MESSAGE             an ::error:: annotation, then exit 1.
#   fail_setup TITLE MESSAGE       the same, pointing at the README's bootstrap section.
#
# Retries (https://developer.hashicorp.com/terraform/cloud-docs/api-docs#rate-limits: 30 requests
# a second per user, over it a 429):
#   - 429 is retried for every method: the request was refused, not processed.
#   - 5xx and network errors (curl cannot connect, the connection drops) are retried for GET and
#     PUT only, which are idempotent. A POST (create a configuration version, create a run, apply)
#     is never sent twice on a 5xx or a dropped connection: the first may have been processed.
#   - The wait doubles from TFC_RETRY_DELAY_SECONDS up to TFC_MAX_RETRY_DELAY_SECONDS. A
#     Retry-After header in seconds (RFC 9110, section 10.2.3) is honoured instead. Terraform
#     Cloud's rate-limit documentation names no reset header (only x-ratelimit-limit), so none
#     other is read.
#
# Environment:
#   TF_API_TOKEN          the Terraform Cloud team token (required by tfc and tfc_request)
#   TF_API_TOKEN_SECRET   the name of the GitHub secret that holds it, for messages
#   TFC_API_URL           default https://app.terraform.io/api/v2
#   TFC_ATTEMPTS          attempts of a retryable request (default 6)
#   TFC_RETRY_DELAY_SECONDS / TFC_MAX_RETRY_DELAY_SECONDS   default 2 / 60
#   GITHUB_SERVER_URL, GITHUB_REPOSITORY   set by GitHub Actions; make the README link absolute
#   GH_TOKEN, GITHUB_API_URL                for github_get: GITHUB_TOKEN, https://api.github.com

TFC_API_URL="${TFC_API_URL:-https://app.terraform.io/api/v2}"
TFC_ATTEMPTS="${TFC_ATTEMPTS:-6}"
TFC_RETRY_DELAY_SECONDS="${TFC_RETRY_DELAY_SECONDS:-2}"
TFC_MAX_RETRY_DELAY_SECONDS="${TFC_MAX_RETRY_DELAY_SECONDS:-60}"

# Every temporary file of the calling script lives here and is removed on exit.
TFC_WORK=$(mktemp -d)
trap 'rm -rf "$TFC_WORK"' EXIT
TFC_BODY="$TFC_WORK/body.json"
TFC_STATUS=""
GITHUB_BODY="$TFC_WORK/github.json"

# The README section every setup error points at, which the bootstrap instructions live under.
bootstrap_link() {
  if [ -n "${GITHUB_REPOSITORY:-}" ]; then
    echo "${GITHUB_SERVER_URL:-https://github.com}/${GITHUB_REPOSITORY}/blob/HEAD/README.md#bootstrap"
  else
    echo "README.md#bootstrap"
  fi
}

# A workflow command's data may not hold raw %, CR or LF (GitHub's toolkit escapes them so).
escape_data() {
  local text="$1"
  text="${text//'%'/%25}"
  text="${text//$'\r'/%0D}"
  text="${text//$'\n'/%0A}"
  printf '%s' "$text"
}

# error TITLE MESSAGE: an annotation, without exiting (for scripts that report every problem).
error() {
  echo "::error title=$(escape_data "$1")::$(escape_data "$2")"
}

fail() {
  error "$1" "$2"
  exit 1
}

fail_setup() {
  fail "$1" "$2 See $(bootstrap_link)"
}

# The token's name for messages: the GitHub secret the workflow put in TF_API_TOKEN.
token_name() {
  echo "${TF_API_TOKEN_SECRET:-TF_API_TOKEN}"
}

# Terraform Cloud's JSON:API error detail of the last answer, if any.
tfc_error_detail() {
  jq -r '[.errors[]? | .detail // .title // empty] | join("; ")' "$TFC_BODY" 2>/dev/null || true
}

_retry_after_seconds() { # HEADER_FILE: the Retry-After value when it is a number of seconds
  tr -d '\r' < "$1" | awk 'tolower($1) == "retry-after:" && $2 ~ /^[0-9]+$/ { print $2; exit }'
}

# http_request METHOD URL OUT [curl options...]: sends the request, retrying as described above,
# and sets HTTP_STATUS (000 for a network error) with the body in OUT.
http_request() {
  local method="$1" url="$2" out="$3"
  shift 3
  local attempt=1 delay="$TFC_RETRY_DELAY_SECONDS" wait retryable headers="$TFC_WORK/headers" errors="$TFC_WORK/curl-errors"
  while :; do
    : > "$out"
    : > "$headers"
    HTTP_STATUS=$(curl --silent --show-error --connect-timeout 20 --max-time 300 \
      --request "$method" --output "$out" --dump-header "$headers" --write-out '%{http_code}' \
      "$@" "$url" 2> "$errors") || HTTP_STATUS=000
    retryable=false
    case "$HTTP_STATUS" in
      429) retryable=true ;;
      000 | 5??) [ "$method" = GET ] || [ "$method" = PUT ] && retryable=true ;;
    esac
    if [ "$retryable" != true ] || [ "$attempt" -ge "$TFC_ATTEMPTS" ]; then
      return 0
    fi
    wait=$(_retry_after_seconds "$headers")
    wait="${wait:-$delay}"
    [ "$wait" -le "$TFC_MAX_RETRY_DELAY_SECONDS" ] || wait="$TFC_MAX_RETRY_DELAY_SECONDS"
    echo "${method} ${url%%\?*}: HTTP ${HTTP_STATUS}$([ "$HTTP_STATUS" = 000 ] && echo " ($(head -c 300 "$errors"))"), attempt ${attempt}/${TFC_ATTEMPTS}; retrying in ${wait}s" >&2
    sleep "$wait"
    attempt=$((attempt + 1))
    delay=$((delay * 2))
    [ "$delay" -le "$TFC_MAX_RETRY_DELAY_SECONDS" ] || delay="$TFC_MAX_RETRY_DELAY_SECONDS"
  done
}

# tfc_request METHOD PATH [BODY]: PATH is relative to TFC_API_URL (or a full URL).
tfc_request() {
  local method="$1" path="$2" body="${3:-}" url
  if [ -z "${TF_API_TOKEN:-}" ]; then
    fail_setup "Terraform Cloud token missing" "The secret $(token_name) is empty for this step."
  fi
  case "$path" in
    http://* | https://*) url="$path" ;;
    *) url="${TFC_API_URL}${path}" ;;
  esac
  local options=(--header "Authorization: Bearer ${TF_API_TOKEN}" --header "Content-Type: application/vnd.api+json")
  [ -z "$body" ] || options+=(--data-binary "$body")
  http_request "$method" "$url" "$TFC_BODY" "${options[@]}"
  TFC_STATUS="$HTTP_STATUS"
}

# github_get PATH: GET with retries from GitHub's REST API; fails the job on anything but 200 and
# 404. Every endpoint the workflows read with it needs the "Actions" repository permission (read),
# which for GITHUB_TOKEN is `permissions: actions: read`.
github_get() {
  : "${GH_TOKEN:?}"
  http_request GET "${GITHUB_API_URL:-https://api.github.com}$1" "$GITHUB_BODY" \
    --header "Authorization: Bearer ${GH_TOKEN}" \
    --header "Accept: application/vnd.github+json" \
    --header "X-GitHub-Api-Version: 2022-11-28"
  case "$HTTP_STATUS" in
    200 | 404) ;;
    401 | 403) fail "GitHub API refused" "GET ${1%%\?*} answered HTTP ${HTTP_STATUS}: $(jq -r '.message // empty' "$GITHUB_BODY" 2>/dev/null). The job needs permissions: actions: read." ;;
    *) fail "GitHub API request failed" "GET ${1%%\?*} answered HTTP ${HTTP_STATUS}: $(jq -r '.message // empty' "$GITHUB_BODY" 2>/dev/null)" ;;
  esac
}

# tfc METHOD PATH [BODY]: tfc_request that must answer 2xx.
tfc() {
  tfc_request "$@"
  case "$TFC_STATUS" in
    2??) return 0 ;;
  esac
  tfc_fail_status "$1" "$2"
}

# tfc_fail_status METHOD PATH: fails for the answer of the last request, naming the endpoint.
tfc_fail_status() {
  local hint=""
  case "$TFC_STATUS" in
    401) hint=" The token in $(token_name) is not valid (expired, revoked or mistyped)." ;;
    403 | 404) hint=" Terraform Cloud answers ${TFC_STATUS} both when the object does not exist and when the token in $(token_name) may not do this: check the organization (${TF_CLOUD_ORGANIZATION:-unset}), the name, and the team's access." ;;
    429) hint=" Rate limited after ${TFC_ATTEMPTS} attempts." ;;
    000) hint=" Terraform Cloud could not be reached: $(head -c 300 "$TFC_WORK/curl-errors")." ;;
  esac
  fail "Terraform Cloud request failed" "$1 ${2%%\?*} answered HTTP ${TFC_STATUS}: $(tfc_error_detail)${hint}"
}

# run_is_final STATUS: whether nothing follows a run in this status
# (https://developer.hashicorp.com/terraform/cloud-docs/api-docs/run#run-states): applied,
# planned_and_finished (a plan-only run, or a plan without changes), discarded, errored, canceled,
# force_canceled, and policy_soft_failed (a plan-only run whose policy soft-failed).
run_is_final() {
  case "$1" in
    applied | planned_and_finished | discarded | errored | canceled | force_canceled | policy_soft_failed) return 0 ;;
    *) return 1 ;;
  esac
}

# The web page of a run, for links in summaries and comments.
run_link() { # ORGANIZATION WORKSPACE RUN_ID
  echo "${TFC_APP_URL:-https://app.terraform.io/app}/$1/workspaces/$2/runs/$3"
}

# Appends NAME=VALUE lines to the step's outputs when GitHub Actions gives a file for them.
set_output() { # NAME VALUE
  if [ -n "${GITHUB_OUTPUT:-}" ]; then
    echo "$1=$2" >> "$GITHUB_OUTPUT"
  fi
}
