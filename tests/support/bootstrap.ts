/**
 * The bootstrap stack's parts for tests, each built alone from a settings table, and reading a
 * synthesized resource's references back to the resource they name.
 */
import { TerraformStack } from "cdktf";
import type { CloudSettings } from "../../stacks/backend";
import type { SettingsTable } from "../../stacks/bootstrap/environment-stacks";
import { GitHubPipeline, type GitHubPipelineProps } from "../../stacks/bootstrap/github";
import { type TerraformCloudRoleArns, TerraformCloudPipeline } from "../../stacks/bootstrap/terraform-cloud";
import { testApp } from "./app";
import { type Block, synthesize } from "./synth";

export const CLOUD: CloudSettings = { organization: "acme", workspacePrefix: "alex-database", project: "alex-database", previewProject: "alex-database-previews" };

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
