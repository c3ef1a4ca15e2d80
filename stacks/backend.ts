/**
 * Where each stack keeps its state: a local file by default, so the first synth needs nothing
 * in the cloud; Terraform Cloud with one workspace per stack when TF_CLOUD_ORGANIZATION is set.
 * Credentials are never read here: Terraform takes them from TF_TOKEN_<host> or its CLI config.
 */
import { relative, resolve } from "node:path";
import { App, CloudBackend, LocalBackend, NamedCloudWorkspace, type TerraformStack } from "cdktf";
import { ValidationError, type ValidationProblem } from "cdktf-aurora-postgresql-serverless";
import type { Environment } from "./deployment-inputs";
import { PROJECT } from "./environments";
import { nearestName } from "./nearest-name";
import { isPreviewStack } from "./preview";

/** Workspace names are `<prefix>-<stack>`, e.g. `alex-database-prod`. */
export const DEFAULT_WORKSPACE_PREFIX = `${PROJECT.name}-database`;
/** The Terraform Cloud project of the environments' workspaces, which the bootstrap stack creates. */
export const DEFAULT_PROJECT = `${PROJECT.name}-database`;
/**
 * The Terraform Cloud project of the preview workspaces: its own, so that the token that creates
 * and deletes preview workspaces reaches no environment's workspace.
 */
export const DEFAULT_PREVIEW_PROJECT = `${PROJECT.name}-database-previews`;
const MAX_WORKSPACE_NAME_LENGTH = 90;
const TFC_NAME_PATTERN = /^[A-Za-z0-9_-]+$/;

export interface CloudSettings {
  readonly organization: string;
  readonly workspacePrefix: string;
  /** Terraform Enterprise host; Terraform Cloud when unset. */
  readonly hostname?: string;
  /** Terraform Cloud project of the environments' workspaces. */
  readonly project: string;
  /** Terraform Cloud project of the preview workspaces. */
  readonly previewProject: string;
}

/** The one definition of a stack's workspace name, shared by the backend and the workflows. */
export function workspaceName(prefix: string, stackName: string): string {
  return `${prefix}-${stackName}`;
}

/**
 * Whether a value is a Terraform Cloud or Enterprise host name as the cloud block's `hostname`
 * takes it (https://developer.hashicorp.com/terraform/cli/cloud/settings#hostname) and as the
 * issuer `https://<host>` of its workload identity tokens, which the bootstrap's OIDC provider
 * trusts: lowercase labels, no scheme, port or path. A URL there passes the synth and fails at
 * `terraform init`.
 */
export function isTerraformCloudHostname(value: string): boolean {
  return /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/.test(value);
}

/** What `isTerraformCloudHostname` accepts, in words. */
export const TERRAFORM_CLOUD_HOSTNAME_RULE = "a host name such as app.terraform.io or tfe.example.com, in lowercase, without scheme, port or path";

/** Every `TF_CLOUD_…` variable the app reads (Terraform's own three among them). */
export const CLOUD_VARIABLES = [
  "TF_CLOUD_ORGANIZATION",
  "TF_CLOUD_WORKSPACE_PREFIX",
  "TF_CLOUD_PROJECT",
  "TF_CLOUD_PREVIEW_PROJECT",
  "TF_CLOUD_HOSTNAME",
] as const;

/**
 * Reads TF_CLOUD_ORGANIZATION, TF_CLOUD_WORKSPACE_PREFIX, TF_CLOUD_PROJECT, TF_CLOUD_PREVIEW_PROJECT
 * and TF_CLOUD_HOSTNAME. Any other `TF_CLOUD_…` variable is refused, with or without an
 * organization: a misspelt `TF_CLOUD_ORGANISATION` would leave every stack on local state, and a
 * misspelt project would put the workspaces under the default one, without a word.
 */
export function readCloudSettings(env: Environment, stackNames: readonly string[]): CloudSettings | undefined {
  const unknown = Object.keys(env).filter((name) => name.startsWith("TF_CLOUD_") && !(CLOUD_VARIABLES as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new ValidationError(
      "Terraform Cloud settings",
      unknown.map((name) => ({
        property: name,
        received: env[name],
        allowed: `a variable the app reads; did you mean ${nearestName(name, CLOUD_VARIABLES)}?`,
      })),
    );
  }
  const organization = env.TF_CLOUD_ORGANIZATION;
  if (!organization) return undefined;
  const workspacePrefix = env.TF_CLOUD_WORKSPACE_PREFIX || DEFAULT_WORKSPACE_PREFIX;
  const project = env.TF_CLOUD_PROJECT || DEFAULT_PROJECT;
  const previewProject = env.TF_CLOUD_PREVIEW_PROJECT || DEFAULT_PREVIEW_PROJECT;

  const problems: ValidationProblem[] = [];
  if (!TFC_NAME_PATTERN.test(organization)) {
    problems.push({ property: "TF_CLOUD_ORGANIZATION", received: organization, allowed: "letters, digits, '-' and '_'" });
  }
  const longest = Math.max(...stackNames.map((stack) => workspaceName(workspacePrefix, stack).length));
  if (!TFC_NAME_PATTERN.test(workspacePrefix) || longest > MAX_WORKSPACE_NAME_LENGTH) {
    problems.push({
      property: "TF_CLOUD_WORKSPACE_PREFIX",
      received: workspacePrefix,
      allowed: `letters, digits, '-' and '_', short enough that "<prefix>-<stack>" stays within ${MAX_WORKSPACE_NAME_LENGTH} characters`,
    });
  }
  for (const [property, value] of [
    ["TF_CLOUD_PROJECT", project],
    ["TF_CLOUD_PREVIEW_PROJECT", previewProject],
  ] as const) {
    if (!TFC_NAME_PATTERN.test(value)) problems.push({ property, received: value, allowed: "letters, digits, '-' and '_'" });
  }
  const hostname = env.TF_CLOUD_HOSTNAME || undefined;
  if (hostname !== undefined && !isTerraformCloudHostname(hostname)) {
    const url = /^[a-z]+:\/\//i.test(hostname)
      ? `; for this URL, ${hostname
          .replace(/^[a-z]+:\/\//i, "")
          .replace(/[:/?#].*$/, "")
          .toLowerCase()}`
      : "";
    problems.push({ property: "TF_CLOUD_HOSTNAME", received: hostname, allowed: `${TERRAFORM_CLOUD_HOSTNAME_RULE}${url}` });
  }
  if (project === previewProject) {
    problems.push({
      property: "TF_CLOUD_PREVIEW_PROJECT",
      received: previewProject,
      allowed: `a project other than the environments' (${project}): the preview token may create and delete every workspace of its project`,
    });
  }
  if (problems.length > 0) throw new ValidationError("Terraform Cloud settings", problems);
  return {
    organization,
    workspacePrefix,
    hostname,
    project,
    previewProject,
  };
}

export function configureBackend(stack: TerraformStack, stackName: string, cloud: CloudSettings | undefined): void {
  if (cloud) {
    new CloudBackend(stack, {
      organization: cloud.organization,
      hostname: cloud.hostname,
      workspaces: new NamedCloudWorkspace(workspaceName(cloud.workspacePrefix, stackName), isPreviewStack(stackName) ? cloud.previewProject : cloud.project),
    });
    return;
  }
  // cdktf's default writes this machine's absolute path into the configuration; a path
  // relative to the stack's directory keeps the artifact portable. The state file sits in
  // the project root, outside cdktf.out, which synth may clean.
  const stackDirectory = resolve(App.of(stack).outdir, "stacks", stackName);
  new LocalBackend(stack, { path: relative(stackDirectory, resolve(`terraform.${stackName}.tfstate`)) });
}
