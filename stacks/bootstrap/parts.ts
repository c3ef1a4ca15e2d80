/**
 * Which parts of the bootstrap stack its inputs turn on, and for each part left out, what to set:
 * the `skipped_parts` output that `npx cdktf deploy bootstrap` ends with, and the one line the app
 * prints when an administrator set a `BOOTSTRAP_…` variable but a part is still skipped. A fresh
 * clone sets nothing and is told nothing: its bootstrap stack is the permissions boundaries alone.
 */
import { deployGithubEnvironments } from "../delivery";
import type { SettingsTable } from "./environment-stacks";
import type { BootstrapInputs } from "./inputs";

export interface SkippedPart {
  /** The part and what it lacks, in a few words, as the notice names it. */
  readonly part: string;
  /** What it would create, and what to set for it. */
  readonly toDo: string;
}

export interface BootstrapParts {
  /** Terraform Cloud's projects, workspaces, variable sets and teams: TF_CLOUD_ORGANIZATION and a tfe token. */
  readonly terraformCloud: boolean;
  /** The GitHub environments and repository variables: BOOTSTRAP_GITHUB_REPOSITORY and GITHUB_TOKEN. */
  readonly github: boolean;
  readonly skipped: readonly SkippedPart[];
}

export function bootstrapParts(inputs: BootstrapInputs, table: SettingsTable): BootstrapParts {
  const skipped: SkippedPart[] = [];
  const { cloud, terraformCloudHostname: host, githubRepository: repository } = inputs;
  const tokenHow = `set TFE_TOKEN to a user token of a member of the organization's owners team, or run \`terraform login ${host}\` (the tfe provider reads neither TF_TOKEN_<host> nor a credentials helper)`;
  if (cloud === undefined) {
    skipped.push({
      part: "Terraform Cloud (set TF_CLOUD_ORGANIZATION)",
      toDo: `Terraform Cloud (projects, workspaces, variable sets, teams) and the AWS roles its runs assume: set TF_CLOUD_ORGANIZATION; then ${tokenHow}`,
    });
  } else if (inputs.terraformCloudToken === undefined) {
    skipped.push({
      part: `Terraform Cloud (no token for ${host}: set TFE_TOKEN or run terraform login)`,
      toDo: `Terraform Cloud (projects, workspaces, variable sets, teams of ${cloud.organization}): no token for ${host}: ${tokenHow}`,
    });
  }
  const approvals = deployGithubEnvironments(table).filter((environment) => environment.approvalRequired);
  const reviewers =
    approvals.length === 0
      ? ""
      : `, and BOOTSTRAP_REVIEWERS (${approvals.map((environment) => environment.name).join(", ")} require${approvals.length === 1 ? "s" : ""} approval)`;
  const tokenNeeds =
    "a token that administers the repository (fine-grained: Administration and Variables read and write, Actions read, and the organization's Members read for team reviewers; classic: repo, and read:org for team reviewers), such as GITHUB_TOKEN=$(gh auth token)";
  if (repository === undefined) {
    skipped.push({
      part: "GitHub (set BOOTSTRAP_GITHUB_REPOSITORY)",
      toDo: `GitHub (environments, deployment branches and tags, reviewers, repository variables) and the AWS role of the preview's Data API checks: set BOOTSTRAP_GITHUB_REPOSITORY=<owner>/<name>, GITHUB_TOKEN to ${tokenNeeds}${reviewers}`,
    });
  } else if (!inputs.githubToken) {
    skipped.push({
      part: "GitHub (set GITHUB_TOKEN)",
      toDo: `GitHub (environments, deployment branches and tags, reviewers, repository variables of ${repository.owner}/${repository.name}): set GITHUB_TOKEN to ${tokenNeeds}`,
    });
  }
  return {
    terraformCloud: cloud !== undefined && inputs.terraformCloudToken !== undefined,
    github: repository !== undefined && inputs.githubToken,
    skipped,
  };
}

/**
 * The `skipped_parts` output: one entry per part left out, empty when none was. A list, not lines
 * of one string: cdktf's HCL rendering (`cdktf synth --hcl`) writes a literal string's newlines
 * into a quoted string, which Terraform refuses.
 */
export function skippedPartsOutput(parts: BootstrapParts): string[] {
  return parts.skipped.map(({ toDo }) => toDo);
}

/**
 * The one line the app prints when a `BOOTSTRAP_…` variable is set and a part is still skipped;
 * undefined otherwise, so that a fresh clone's synth and the workflows' synths print nothing.
 */
export function bootstrapNotice(inputs: BootstrapInputs, parts: BootstrapParts): string | undefined {
  if (inputs.variablesSet.length === 0 || parts.skipped.length === 0) return undefined;
  return `bootstrap stack: skips ${parts.skipped.map(({ part }) => part).join(" and ")}; npx cdktf deploy bootstrap ends with its skipped_parts output, which says more`;
}
