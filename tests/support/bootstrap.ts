/**
 * The bootstrap stack for tests: the app's, synthesized from given environment variables (shared
 * per worker and frozen, as synthApp's stacks are), its parts built alone from a settings table,
 * and reading a synthesized resource's references back to the resource they name.
 */
import { TerraformStack } from "cdktf";
import { defineStacks } from "../../stacks/app";
import type { CloudSettings } from "../../stacks/backend";
import type { SettingsTable } from "../../stacks/bootstrap/environment-stacks";
import { GitHubPipeline, type GitHubPipelineProps } from "../../stacks/bootstrap/github";
import { TerraformCloudPipeline, type TerraformCloudRoleArns } from "../../stacks/bootstrap/terraform-cloud";
import type { Environment } from "../../stacks/deployment-inputs";
import { testApp } from "./app";
import { deepFreeze } from "./freeze";
import { synthesize, type Block, type Synthesized } from "./synth";

/** A value no synthesized document may hold: the tokens the tests set. */
export const TOKEN_SENTINEL = "tok3n-must-not-leak";

/** Every part on: Terraform Cloud with a token, GitHub with a token and reviewers. */
export const ALL_PARTS: Environment = {
  TF_CLOUD_ORGANIZATION: "acme",
  TFE_TOKEN: TOKEN_SENTINEL,
  BOOTSTRAP_GITHUB_REPOSITORY: "acme/alex-db",
  GITHUB_TOKEN: TOKEN_SENTINEL,
  BOOTSTRAP_REVIEWERS: "octocat, acme/release-managers",
};

const synthesized = new Map<string, Synthesized>();

/** The app's bootstrap stack, defined from `env` and synthesized once per worker. */
export function synthBootstrap(env: Environment = {}): Synthesized {
  const key = JSON.stringify(env);
  let result = synthesized.get(key);
  if (!result) {
    const { text, json } = synthesize(defineStacks(testApp(), env).bootstrap);
    result = { text, json: deepFreeze(json) };
    synthesized.set(key, result);
  }
  return result;
}

export const CLOUD: CloudSettings = {
  organization: "acme",
  workspacePrefix: "alex-database",
  project: "alex-database",
  previewProject: "alex-database-previews",
};

/** Role ARNs for every environment of a table, named after what they are for. */
export function roleArns(table: SettingsTable): TerraformCloudRoleArns {
  const arn = (name: string) => `arn:aws:iam::123456789012:role/test/${name}`;
  const each = (phase: string) => Object.fromEntries(Object.keys(table).map((environment) => [environment, arn(`${environment}-${phase}`)]));
  return { plan: each("plan"), apply: each("apply"), previewPlan: arn("preview-plan"), previewApply: arn("preview-apply") };
}

/** The Terraform Cloud part alone, in a stack of its own, for a table and plain role ARNs. */
export function synthTerraformCloud(table: SettingsTable, cloud: CloudSettings = CLOUD): Block {
  const stack = new TerraformStack(testApp(), "test");
  new TerraformCloudPipeline(stack, "TerraformCloud", { cloud, roles: roleArns(table), environments: table });
  return synthesize(stack).json;
}

/** The GitHub part alone, in a stack of its own. */
export function synthGitHub(props: GitHubPipelineProps): Block {
  const stack = new TerraformStack(testApp(), "test");
  new GitHubPipeline(stack, "GitHub", props);
  return synthesize(stack).json;
}

/** The resource (or data source, `data.<type>`) a reference such as `${tfe_team.X.id}` names. */
export function referenced(json: Block, reference: unknown): Block {
  const match = /^\$\{(data\.)?([a-z_]+)\.([^.}]+)\.[a-z_]+\}$/.exec(String(reference));
  if (!match) throw new Error(`not a reference to a resource: ${String(reference)}`);
  const [, data, type, name] = match;
  const body = (data ? json.data : json.resource)?.[type!]?.[name!] as Block | undefined;
  if (body === undefined) throw new Error(`${String(reference)} names nothing in the document`);
  return body;
}
