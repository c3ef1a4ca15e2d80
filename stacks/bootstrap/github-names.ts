/**
 * GitHub's names as the bootstrap stack accepts them, in one place: BOOTSTRAP_GITHUB_REPOSITORY
 * (stacks/bootstrap/inputs.ts), the reviewers' logins, and the AWS part's `githubRepository`
 * (stacks/bootstrap/aws/pipeline-aws-access.ts), so that a repository one accepts the other does
 * too, and both refuse it with the same words.
 *
 * The AWS part builds the preview Data API role's trust from the name, with `*` for the owner's
 * and the repository's ids (`repo:<owner>@<id>/<name>@<id>:pull_request`): neither pattern admits
 * `@`, `/`, `:`, `*` or `?`, so the trust names this repository only.
 */

export interface GitHubRepository {
  readonly owner: string;
  readonly name: string;
}

/**
 * GitHub's account names (users and organizations): "Usernames for user accounts on GitHub can
 * only contain alphanumeric characters and dashes (-)"
 * (https://docs.github.com/en/enterprise-cloud@latest/admin/managing-iam/iam-configuration-reference/username-considerations-for-external-authentication);
 * sign-up also refuses a leading dash and more than 39 characters. Sign-up refuses two dashes in a
 * row and a trailing dash too, but accounts named before that rule keep such names, so they are
 * accepted.
 */
export const GITHUB_ACCOUNT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/;

/**
 * GitHub's repository names: "The repository name can only contain ASCII letters, digits, and the
 * characters ., -, and _" (GitHub's message when a name breaks the rule), at most 100 characters,
 * and not `.` or `..`.
 */
const REPOSITORY_NAME_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;

/** What a repository setting may hold, as both refusals say it. */
export const GITHUB_REPOSITORY_ALLOWED =
  '"owner/name", as GitHub names them: an owner of letters, digits and dashes (at most 39 characters, not starting with a dash) and a repository name of letters, digits, ".", "-" and "_" (at most 100 characters, not "." or "..")';

/** `owner/name`, or undefined when the text is not a repository GitHub could have. */
export function parseGithubRepository(text: string): GitHubRepository | undefined {
  const [owner, name, ...rest] = text.split("/");
  if (rest.length > 0 || owner === undefined || name === undefined) return undefined;
  if (!GITHUB_ACCOUNT_PATTERN.test(owner) || !REPOSITORY_NAME_PATTERN.test(name) || name === "." || name === "..") return undefined;
  return { owner, name };
}
