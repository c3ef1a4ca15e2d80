/**
 * The delivery pipeline's own names, in one place: what the bootstrap stack creates, what the
 * workflows read, and what the README tells an administrator to set. Derived from the project's
 * name and the settings table, so that a renamed project or a new environment row changes them
 * all together.
 */
import { ValidationError, type ValidationProblem } from "cdktf-aurora-postgresql-serverless";
import { ENVIRONMENTS, PROJECT, type EnvironmentSettings } from "./environments";

/** The stack that creates the pipeline's infrastructure, applied once by an administrator. */
export const BOOTSTRAP_STACK_NAME = "bootstrap";

/**
 * The IAM managed policy set as the permissions boundary of every role a scope's stacks create:
 * `<project>-<scope>-workload-boundary`, one per environment (`<project>-<env>-workload-boundary`)
 * and one for every preview (scope `preview`). It allows only that scope's names, and the scope's
 * apply role may create roles only with it, so no role one scope creates reaches another's
 * database.
 */
export function permissionsBoundaryPolicyName(scope: string): string {
  return `${PROJECT.name}-${scope}-workload-boundary`;
}

/**
 * The IAM path of the pipeline's own roles (`/alex-pipeline/`): their ARNs
 * (`role/alex-pipeline/…`) match no pattern the apply roles are given (`role/alex-<env>-…`).
 */
export const PIPELINE_ROLE_PATH = `/${PROJECT.name}-pipeline/`;

/** The pipeline's AWS roles, by what assumes them. */
export const PIPELINE_ROLES = {
  /** Terraform Cloud's plan phase of an environment's workspaces (read-only). */
  plan: (environment: string) => `${PROJECT.name}-pipeline-${environment}-plan`,
  /** Terraform Cloud's apply phase of an environment's workspaces. */
  apply: (environment: string) => `${PROJECT.name}-pipeline-${environment}-apply`,
  /** Terraform Cloud's plan phase of the preview workspaces (read-only). */
  previewPlan: `${PROJECT.name}-pipeline-preview-plan`,
  /** Terraform Cloud's apply phase of the preview workspaces: `alex-preview-*` resources only. */
  previewApply: `${PROJECT.name}-pipeline-preview-apply`,
  /** GitHub Actions' pull-request jobs that check a preview through the Data API. */
  previewDataApi: `${PROJECT.name}-pipeline-preview-data-api`,
} as const;

/**
 * The GitHub environment whose secret queues the deploy's plans: deployment branches `main` only,
 * no reviewers, so no other branch's workflow can queue a run that waits for confirmation.
 */
export const DEPLOY_PLAN_GITHUB_ENVIRONMENT = "deploy-plan";

/** The GitHub environment of the npm release (trusted publishing). */
export const RELEASE_GITHUB_ENVIRONMENT = "npm";

/** The one branch that may deploy: the deploy workflow runs for pushes to it only. */
export const DEPLOY_BRANCH = "main";

/**
 * The tags that may deploy to the release environment: those `.github/workflows/release.yml` runs
 * on (`on.push.tags`), `v<version>` for the construct and `aurora-data-api-toolkit@<version>`
 * for the toolkit.
 */
export const RELEASE_TAG_PATTERNS = ["v*.*.*", "aurora-data-api-toolkit@*.*.*"] as const;

/**
 * The secrets an administrator sets by hand (the bootstrap stack never holds a secret value).
 * Environment secrets carry the `ENVIRONMENT_` prefix, which no repository-level secret of
 * HashiCorp's or GitHub's documentation uses, and the workflows refuse to run when one of them
 * is visible outside its environment.
 */
export const GITHUB_SECRETS = {
  /** Repository secret: queues speculative plans of the environments with `pullRequestPlans`. */
  pullRequestPlanToken: "TF_PLAN_TOKEN",
  /** Repository secret: creates, applies, destroys and deletes the preview workspaces. */
  previewToken: "TF_PREVIEW_TOKEN",
  /** Secret of the `deploy-plan` environment: queues the deploy's runs on every environment's workspaces. */
  deployPlanToken: "ENVIRONMENT_TF_PLAN_TOKEN",
  /** Secret of each deploy environment (dev, staging, production): applies and discards runs in its workspaces. */
  applyToken: "ENVIRONMENT_TF_APPLY_TOKEN",
} as const;

/** The repository variables the workflows read, all written by the bootstrap stack's GitHub part. */
export const GITHUB_VARIABLES = {
  organization: "TF_CLOUD_ORGANIZATION",
  workspacePrefix: "TF_CLOUD_WORKSPACE_PREFIX",
  project: "TF_CLOUD_PROJECT",
  previewProject: "TF_CLOUD_PREVIEW_PROJECT",
  previewDataApiRoleArn: "PREVIEW_DATA_API_ROLE_ARN",
} as const;

/** The Terraform Cloud teams whose tokens the secrets above hold. */
export const TERRAFORM_CLOUD_TEAMS = {
  pullRequestPlans: `${PROJECT.name}-pull-request-plans`,
  deployPlans: `${PROJECT.name}-deploy-plans`,
  apply: (githubEnvironment: string) => `${PROJECT.name}-apply-${githubEnvironment}`,
  previews: `${PROJECT.name}-previews`,
} as const;

/** The settings of an environment that decide its GitHub environment and that environment's approval. */
export type GithubEnvironmentSettings = Pick<EnvironmentSettings, "githubEnvironment" | "approvalRequired">;

/**
 * The GitHub environments the deploy uses, each once, in the order of the table's rows, with
 * whether its applies need approval and the environments it guards. Environments that share a
 * GitHub environment must agree on approvalRequired: one environment cannot both require and not
 * require a reviewer, and picking either would silently change what the other row says.
 */
export function deployGithubEnvironments(
  table: Readonly<Record<string, GithubEnvironmentSettings>> = ENVIRONMENTS,
): { name: string; approvalRequired: boolean; environments: string[] }[] {
  const byName = new Map<string, { approvalRequired: boolean; environments: string[] }>();
  const problems: ValidationProblem[] = [];
  for (const [environment, { githubEnvironment, approvalRequired }] of Object.entries(table)) {
    const shared = byName.get(githubEnvironment);
    if (shared === undefined) {
      byName.set(githubEnvironment, { approvalRequired, environments: [environment] });
    } else if (shared.approvalRequired !== approvalRequired) {
      problems.push({
        property: `${environment}.approvalRequired`,
        received: approvalRequired,
        allowed: `${shared.approvalRequired}, as ${shared.environments.join(" and ")} ${shared.environments.length === 1 ? "says" : "say"}: they share the GitHub environment "${githubEnvironment}"; or a GitHub environment of its own`,
      });
    } else {
      shared.environments.push(environment);
    }
  }
  if (problems.length > 0) throw new ValidationError("The settings table (stacks/environments.ts)", problems);
  return [...byName].map(([name, { approvalRequired, environments }]) => ({ name, approvalRequired, environments }));
}
