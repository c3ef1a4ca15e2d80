/**
 * What the bootstrap stack's local state already holds, so that a deploy of it stops before it
 * leaves out a part that was applied. A part missing from the configuration is a part Terraform
 * plans to delete, and `prevent_destroy` guards only what the configuration still declares: a
 * deploy run in a shell that lost TF_CLOUD_ORGANIZATION, a token or BOOTSTRAP_GITHUB_REPOSITORY
 * would otherwise delete Terraform Cloud's roles, teams (and their tokens), empty workspaces,
 * GitHub environments (and their secrets) and variables. The synth itself goes on (the other
 * stacks are synthesized from the same checkout); the bootstrap stack's plan fails.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { ValidationProblem } from "cdktf-aurora-postgresql-serverless";
import { BOOTSTRAP_STACK_NAME, PIPELINE_ROLES } from "../delivery";
import type { SettingsTable } from "./environment-stacks";
import type { BootstrapInputs } from "./inputs";
import type { BootstrapParts } from "./parts";

/** A managed resource of the state: its type and the `name` attribute of each instance. */
export interface StateResource {
  readonly type: string;
  readonly names: readonly string[];
}

/** Where the bootstrap stack keeps its state (stacks/backend.ts's local backend): the project root. */
export const BOOTSTRAP_STATE_FILE = `terraform.${BOOTSTRAP_STACK_NAME}.tfstate`;

/** The managed resources of the state file, or undefined when there is none (or it cannot be read). */
export function readBootstrapState(path: string = resolve(BOOTSTRAP_STATE_FILE)): StateResource[] | undefined {
  let state: { resources?: { mode?: string; type?: string; instances?: { attributes?: { name?: unknown } }[] }[] };
  try {
    state = JSON.parse(readFileSync(path, "utf8")) as typeof state;
  } catch {
    return undefined;
  }
  return (state.resources ?? [])
    .filter((resource) => resource.mode === "managed" && typeof resource.type === "string")
    .map((resource) => ({
      type: resource.type!,
      names: (resource.instances ?? []).flatMap((instance) => (typeof instance.attributes?.name === "string" ? [instance.attributes.name] : [])),
    }));
}

/** The AWS roles of the Terraform Cloud part for the environments of a table, and the previews'. */
function terraformCloudRoles(table: SettingsTable): string[] {
  return [
    ...Object.keys(table).flatMap((environment) => [PIPELINE_ROLES.plan(environment), PIPELINE_ROLES.apply(environment)]),
    PIPELINE_ROLES.previewPlan,
    PIPELINE_ROLES.previewApply,
  ];
}

/**
 * The parts the state holds that these inputs would leave out, each as the setting that keeps it.
 * `table` is the settings table the stack is built from, whose environments' roles count as the
 * Terraform Cloud part.
 */
export function partsLeavingState(inputs: BootstrapInputs, parts: BootstrapParts, state: readonly StateResource[], table: SettingsTable): ValidationProblem[] {
  const holds = (prefix: string) => state.some((resource) => resource.type.startsWith(prefix));
  const roles = state.filter((resource) => resource.type === "aws_iam_role").flatMap((resource) => resource.names);
  const cloudRoles = terraformCloudRoles(table);
  const keep = (what: string, setting: string) => `${setting}, as when ${BOOTSTRAP_STATE_FILE}'s ${what} were created: a deploy without it would delete them`;
  const problems: ValidationProblem[] = [];
  if (inputs.cloud === undefined && (holds("tfe_") || roles.some((role) => cloudRoles.includes(role)))) {
    problems.push({ property: "TF_CLOUD_ORGANIZATION", received: undefined, allowed: keep("Terraform Cloud resources and AWS roles", "the organization") });
  } else if (!parts.terraformCloud && holds("tfe_")) {
    problems.push({
      property: "TFE_TOKEN",
      received: undefined,
      allowed: keep("Terraform Cloud resources", `a token for ${inputs.terraformCloudHostname} (TFE_TOKEN, or terraform login)`),
    });
  }
  if (inputs.githubRepository === undefined && (holds("github_") || roles.includes(PIPELINE_ROLES.previewDataApi))) {
    problems.push({
      property: "BOOTSTRAP_GITHUB_REPOSITORY",
      received: undefined,
      allowed: keep("GitHub resources and the preview's Data API role", "the repository"),
    });
  } else if (!parts.github && holds("github_")) {
    problems.push({ property: "GITHUB_TOKEN", received: undefined, allowed: keep("GitHub resources", "a token that administers the repository") });
  }
  return problems;
}

/**
 * Why a plan of the bootstrap stack must stop, in one line (an error message that cdktf's HCL
 * rendering keeps on one line too).
 */
export function stateGuardMessage(problems: readonly ValidationProblem[]): string {
  return `The bootstrap stack's state (${BOOTSTRAP_STATE_FILE}) holds parts these settings leave out. ${problems.map(({ property, allowed }) => `Set ${property}: ${allowed}.`).join(" ")} To let them go on purpose, terraform state rm them first.`;
}
