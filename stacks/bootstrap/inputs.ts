/**
 * What the bootstrap stack reads at synth: the Terraform Cloud settings (readCloudSettings, shared
 * with every stack), the `BOOTSTRAP_…` variables, and whether the tokens its providers need are
 * there. A token is never read into the configuration: the stack only checks where its provider
 * would find one, so that a part without its token is skipped with a message instead of failing
 * at apply. Invalid or inconsistent settings are refused, all problems together, like the
 * `AURORA_…` inputs.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ValidationError, type ValidationProblem } from "cdktf-aurora-postgresql-serverless";
import type { CloudSettings } from "../backend";
import { deployGithubEnvironments, type GithubEnvironmentSettings } from "../delivery";
import type { Environment } from "../deployment-inputs";
import { ENVIRONMENTS } from "../environments";
import { nearestName } from "../nearest-name";
import { GITHUB_HOST, oidcProviderArnProblem, TERRAFORM_CLOUD_HOST } from "./aws/pipeline-aws-access";
import { GITHUB_ACCOUNT_PATTERN, GITHUB_REPOSITORY_ALLOWED, parseGithubRepository, type GitHubRepository } from "./github-names";

export type { GitHubRepository } from "./github-names";

const PREFIX = "BOOTSTRAP_";

/** Every `BOOTSTRAP_…` variable the app reads, with what it means: add a variable here before reading it. */
export const BOOTSTRAP_VARIABLES = {
  BOOTSTRAP_GITHUB_REPOSITORY: "the GitHub repository (owner/name) whose environments and variables the GitHub part manages",
  BOOTSTRAP_REVIEWERS: "the required reviewers (user logins and org/team-slugs) of the GitHub environments whose applies need approval",
  BOOTSTRAP_TERRAFORM_CLOUD_OIDC_PROVIDER_ARN: "the account's existing IAM OIDC provider of Terraform Cloud, to use instead of creating one",
  BOOTSTRAP_GITHUB_OIDC_PROVIDER_ARN: "the account's existing IAM OIDC provider of GitHub Actions, to use instead of creating one",
} as const;

export type BootstrapVariable = keyof typeof BOOTSTRAP_VARIABLES;

/**
 * GitHub's limit of required reviewers per environment: "You can list up to six users or teams as
 * reviewers" (https://docs.github.com/en/actions/reference/workflows-and-actions/deployments-and-environments#required-reviewers).
 */
export const MAX_REVIEWERS = 6;

/** A required reviewer: a user by login, or a team of the repository's organization by slug. */
export type Reviewer = { readonly user: string } | { readonly team: string };

export interface BootstrapInputs {
  /** The Terraform Cloud settings every stack uses; undefined without TF_CLOUD_ORGANIZATION. */
  readonly cloud?: CloudSettings;
  /** Terraform Cloud's host: TF_CLOUD_HOSTNAME, or app.terraform.io. */
  readonly terraformCloudHostname: string;
  /** Where the tfe provider would find its token for that host (a variable's name or a file); undefined when nowhere. */
  readonly terraformCloudToken?: string;
  readonly githubRepository?: GitHubRepository;
  /** Whether GITHUB_TOKEN is set, the token the github provider reads. */
  readonly githubToken: boolean;
  readonly reviewers: readonly Reviewer[];
  readonly existingOidcProviderArns: { readonly terraformCloud?: string; readonly github?: string };
  /** The `BOOTSTRAP_…` variables that were set, in the order of BOOTSTRAP_VARIABLES. */
  readonly variablesSet: readonly BootstrapVariable[];
}

/** A team's slug: its name lowercased, with every run of other characters made one dash. */
const TEAM_SLUG_PATTERN = /^[a-z0-9_][a-z0-9_-]*$/;
/** The tfe provider refuses other project names (internal/provider/resource_tfe_project.go: LengthBetween(3, 40)). */
const PROJECT_NAME_LENGTH = { min: 3, max: 40 } as const;

/**
 * Reads and checks the bootstrap stack's inputs. `table` is the settings table whose GitHub
 * environments need reviewers (stacks/environments.ts by default).
 */
export function readBootstrapInputs(
  env: Environment,
  cloud: CloudSettings | undefined,
  table: Readonly<Record<string, GithubEnvironmentSettings>> = ENVIRONMENTS,
): BootstrapInputs {
  const problems: ValidationProblem[] = [];
  const known = Object.keys(BOOTSTRAP_VARIABLES) as BootstrapVariable[];
  for (const name of Object.keys(env).filter((name) => name.startsWith(PREFIX) && !(known as string[]).includes(name))) {
    problems.push({ property: name, received: env[name], allowed: `a variable the app reads; did you mean ${nearestName(name, known)}?` });
  }
  const value = (name: BootstrapVariable) => env[name]?.trim() || undefined;
  const terraformCloudHostname = cloud?.hostname ?? TERRAFORM_CLOUD_HOST;

  const repositoryText = value("BOOTSTRAP_GITHUB_REPOSITORY");
  const githubRepository = repositoryText === undefined ? undefined : parseGithubRepository(repositoryText);
  if (repositoryText !== undefined && githubRepository === undefined) {
    problems.push({ property: "BOOTSTRAP_GITHUB_REPOSITORY", received: repositoryText, allowed: GITHUB_REPOSITORY_ALLOWED });
  }
  if (repositoryText !== undefined) problems.push(...githubPartSettings(env, cloud, githubRepository));

  const reviewersText = value("BOOTSTRAP_REVIEWERS");
  const reviewers = reviewersText === undefined ? [] : readReviewers(reviewersText, githubRepository, problems);
  if (reviewersText !== undefined && repositoryText === undefined) {
    problems.push({
      property: "BOOTSTRAP_REVIEWERS",
      received: reviewersText,
      allowed: "reviewers only together with BOOTSTRAP_GITHUB_REPOSITORY, the repository whose environments they review",
    });
  }
  const needingApproval = deployGithubEnvironments(table).filter((environment) => environment.approvalRequired);
  if (repositoryText !== undefined && reviewersText === undefined && needingApproval.length > 0) {
    problems.push({
      property: "BOOTSTRAP_REVIEWERS",
      received: undefined,
      allowed: `1 to ${MAX_REVIEWERS} comma-separated GitHub user logins or org/team-slugs: the GitHub environment${needingApproval.length === 1 ? "" : "s"} ${needingApproval.map((environment) => `"${environment.name}"`).join(", ")} require${needingApproval.length === 1 ? "s" : ""} approval (approvalRequired in stacks/environments.ts), and an environment with no reviewer would let every apply through`,
    });
  }

  const existingOidcProviderArns = {
    terraformCloud: readOidcProviderArn(
      env,
      "BOOTSTRAP_TERRAFORM_CLOUD_OIDC_PROVIDER_ARN",
      terraformCloudHostname,
      cloud !== undefined,
      "TF_CLOUD_ORGANIZATION",
      problems,
    ),
    github: readOidcProviderArn(env, "BOOTSTRAP_GITHUB_OIDC_PROVIDER_ARN", GITHUB_HOST, repositoryText !== undefined, "BOOTSTRAP_GITHUB_REPOSITORY", problems),
  };

  if (cloud !== undefined) {
    for (const [property, project] of [
      ["TF_CLOUD_PROJECT", cloud.project],
      ["TF_CLOUD_PREVIEW_PROJECT", cloud.previewProject],
    ] as const) {
      if (project.length < PROJECT_NAME_LENGTH.min || project.length > PROJECT_NAME_LENGTH.max) {
        problems.push({
          property,
          received: project,
          allowed: `a project name of ${PROJECT_NAME_LENGTH.min} to ${PROJECT_NAME_LENGTH.max} characters, which Terraform Cloud accepts`,
        });
      }
    }
  }

  if (problems.length > 0) throw new ValidationError("Bootstrap inputs", problems);
  return {
    cloud,
    terraformCloudHostname,
    terraformCloudToken: cloud === undefined ? undefined : terraformCloudTokenSource(env, terraformCloudHostname),
    githubRepository,
    githubToken: Boolean(env.GITHUB_TOKEN),
    reviewers,
    existingOidcProviderArns,
    variablesSet: known.filter((name) => value(name) !== undefined),
  };
}

/**
 * What the GitHub part needs besides its repository: the Terraform Cloud settings it writes as
 * repository variables, a host the workflows talk to, and no provider setting that would send it
 * to another owner.
 */
function githubPartSettings(env: Environment, cloud: CloudSettings | undefined, repository: GitHubRepository | undefined): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  if (cloud === undefined) {
    problems.push({
      property: "TF_CLOUD_ORGANIZATION",
      received: undefined,
      allowed:
        "the Terraform Cloud organization, with BOOTSTRAP_GITHUB_REPOSITORY: the workflows find their workspaces through the repository variables the GitHub part writes from it (its token may come later; the Terraform Cloud part waits for it)",
    });
  } else if (cloud.hostname !== undefined && cloud.hostname.toLowerCase() !== TERRAFORM_CLOUD_HOST) {
    // The workflows talk to app.terraform.io (TF_TOKEN_app_terraform_io, the scripts' TFC_API_URL
    // default), and stacks/delivery.ts's GITHUB_VARIABLES has no host to give them.
    problems.push({
      property: "TF_CLOUD_HOSTNAME",
      received: cloud.hostname,
      allowed: `${TERRAFORM_CLOUD_HOST} (or unset) with BOOTSTRAP_GITHUB_REPOSITORY: the workflows run against ${TERRAFORM_CLOUD_HOST} only`,
    });
  }
  // The github provider 6.9 lets GITHUB_ORGANIZATION, then GITHUB_OWNER, override the owner it is
  // given (github/provider.go, "backwards compatibility"): it would manage another account.
  for (const name of ["GITHUB_ORGANIZATION", "GITHUB_OWNER"] as const) {
    const owner = env[name];
    if (owner && repository !== undefined && owner.toLowerCase() !== repository.owner.toLowerCase()) {
      problems.push({
        property: name,
        received: owner,
        allowed: `unset, or ${repository.owner}: the github provider would manage ${owner}'s repositories instead of ${repository.owner}/${repository.name}`,
      });
    }
  }
  return problems;
}

function readReviewers(text: string, repository: GitHubRepository | undefined, problems: ValidationProblem[]): Reviewer[] {
  const allowed = `1 to ${MAX_REVIEWERS} comma-separated GitHub user logins and org/team-slugs, such as "octocat, ${repository?.owner ?? "acme"}/release-managers"`;
  const entries = text.split(",").map((entry) => entry.trim());
  const reviewers: Reviewer[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const [first, second, ...rest] = entry.split("/");
    if (second === undefined && first !== undefined && GITHUB_ACCOUNT_PATTERN.test(first)) {
      if (!seen.has(`user:${first.toLowerCase()}`)) reviewers.push({ user: first });
      seen.add(`user:${first.toLowerCase()}`);
    } else if (rest.length === 0 && first !== undefined && second !== undefined && GITHUB_ACCOUNT_PATTERN.test(first) && TEAM_SLUG_PATTERN.test(second)) {
      if (repository !== undefined && first.toLowerCase() !== repository.owner.toLowerCase()) {
        problems.push({
          property: "BOOTSTRAP_REVIEWERS",
          received: entry,
          allowed: `teams of ${repository.owner}, the repository's owner (${repository.owner}/<team-slug>): a team of another organization cannot review its deployments`,
        });
      }
      if (!seen.has(`team:${second}`)) reviewers.push({ team: second });
      seen.add(`team:${second}`);
    } else {
      problems.push({ property: "BOOTSTRAP_REVIEWERS", received: entry === "" ? text : entry, allowed });
      return reviewers;
    }
  }
  if (reviewers.length > MAX_REVIEWERS) {
    problems.push({ property: "BOOTSTRAP_REVIEWERS", received: text, allowed: `${allowed}: GitHub takes at most ${MAX_REVIEWERS} reviewers per environment` });
  }
  return reviewers;
}

function readOidcProviderArn(
  env: Environment,
  name: BootstrapVariable,
  host: string,
  used: boolean,
  usedBy: string,
  problems: ValidationProblem[],
): string | undefined {
  const arn = env[name]?.trim() || undefined;
  if (arn === undefined) return undefined;
  const wrong = oidcProviderArnProblem(arn, host);
  if (wrong !== undefined) {
    problems.push({ property: name, received: arn, allowed: wrong });
  } else if (!used) {
    problems.push({ property: name, received: arn, allowed: `unset without ${usedBy}: nothing would use the provider` });
  }
  return arn;
}

/**
 * Where the tfe provider 0.71 would find a token for `hostname`, in its order
 * (internal/client/config.go, `configure`): TFE_TOKEN; else the `credentials` of the Terraform CLI
 * configuration file (TF_CLI_CONFIG_FILE, TERRAFORM_CONFIG, else ~/.terraformrc), which win over
 * those of ~/.terraform.d/credentials.tfrc.json, the file `terraform login` writes. It does not read
 * TF_TOKEN_<host> (removed in 0.32.0, CHANGELOG) nor run credentials helpers. Only presence is
 * checked: whether a variable is set, or a file has an entry for the host.
 */
export function terraformCloudTokenSource(env: Environment, hostname: string): string | undefined {
  if (env.TFE_TOKEN) return "TFE_TOKEN";
  const home = env.HOME || undefined;
  const configFile = env.TF_CLI_CONFIG_FILE || env.TERRAFORM_CONFIG || (home === undefined ? undefined : join(home, ".terraformrc"));
  if (configFile !== undefined && hasCredentialsBlock(readIfPresent(configFile), hostname)) return configFile;
  const credentialsFile = home === undefined ? undefined : join(home, ".terraform.d", "credentials.tfrc.json");
  if (credentialsFile !== undefined && hasCredentialsEntry(readIfPresent(credentialsFile), hostname)) return credentialsFile;
  return undefined;
}

function readIfPresent(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** A `credentials "<host>" { token = … }` block of the CLI configuration (HCL). */
function hasCredentialsBlock(text: string | undefined, hostname: string): boolean {
  if (text === undefined) return false;
  const host = hostname.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`credentials\\s+"${host}"\\s*\\{[^}]*\\btoken\\s*=`, "i").test(text);
}

/** An entry `{"credentials": {"<host>": {"token": "…"}}}` of credentials.tfrc.json. */
function hasCredentialsEntry(text: string | undefined, hostname: string): boolean {
  if (text === undefined) return false;
  try {
    const credentials = (JSON.parse(text) as { credentials?: Record<string, { token?: unknown }> }).credentials ?? {};
    return Object.entries(credentials).some(
      ([host, entry]) => host.toLowerCase() === hostname.toLowerCase() && typeof entry?.token === "string" && entry.token !== "",
    );
  } catch {
    return false;
  }
}
