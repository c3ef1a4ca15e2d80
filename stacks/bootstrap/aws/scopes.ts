/**
 * What each pipeline role may reach, as names: an environment's stacks (`<env>` and, as its row
 * asks, `<env>-key`, `<env>-dr`, `<env>-secondary`) create every AWS name as `<project>-<env>-…` (the module's `name` is
 * `databaseResourceName(stack)`), their SSM parameters under `/<project>/<env>/`, and tag every
 * resource `Environment=<env>`. Previews (`preview-<slug>`) do the same with `<project>-preview-…`,
 * `/<project>/preview-…` and `Environment=preview`. A pattern built from one environment's name
 * must never reach another's resources; `checkEnvironmentScopes` refuses settings where it would.
 */
import { ValidationError, type ValidationProblem } from "cdktf-aurora-postgresql-serverless";
import { BOOTSTRAP_STACK_NAME } from "../../delivery";
import { disasterRecoveryStackName } from "../../disaster-recovery-stack";
import { databaseResourceName, ENVIRONMENTS, parameterPath, PROJECT, type EnvironmentName } from "../../environments";
import { keyStackName } from "../../key-stack";
import { secondaryStackName } from "../../secondary-stack";
import { stacksOfEnvironment, type SettingsTable } from "../environment-stacks";

/** The Environment tag (and the scope's label) of every preview stack (stacks/app.ts). */
export const PREVIEW_ENVIRONMENT = "preview";

/**
 * Environments that may restore a new cluster from another environment's snapshots: staging is
 * rebuilt from prod's (the README's runbook, AURORA_STAGING_RESTORE_SNAPSHOT). Every environment
 * may restore from its own. The grants RDS needs on the source's key come with a key of the
 * restoring environment's own (statements.ts INTEGRATIONS, on aws_kms_key): an environment listed
 * here uses a key stack.
 */
export const RESTORE_SOURCES: Readonly<Partial<Record<EnvironmentName, readonly EnvironmentName[]>>> = { staging: ["prod"] };

export interface Scope {
  /** The environment, or `preview`; the value of the Environment tag of everything it creates. */
  readonly environment: string;
  /** Every AWS name of the scope starts with it: `<project>-<env>-`. */
  readonly namePrefix: string;
  /** The SSM parameter name patterns of the scope (`/<project>/<env>/*`). */
  readonly parameterPatterns: readonly string[];
  /** The Terraform Cloud workspaces' stacks (`<env>`, `<env>-key`, `<env>-dr`, `<env>-secondary`), or the preview pattern (`preview-*`). */
  readonly stackPatterns: readonly string[];
  /**
   * The scopes whose clusters' snapshots the scope may restore from, its own first: the name
   * prefixes of those clusters (namePrefixOf) and the Environment tags of the keys that encrypt them.
   */
  readonly restoreSources: readonly string[];
}

/** `<project>-<stack>-`: the start of every AWS name of the stack's database. */
export const namePrefixOf = (stackName: string) => `${databaseResourceName(stackName)}-`;

/**
 * An environment's scope; its stacks are those its row of `table` makes (environment-stacks.ts):
 * the database stack, then its key stack, its disaster-recovery stack and its global secondary's.
 */
export function environmentScope(environment: EnvironmentName, table: SettingsTable = ENVIRONMENTS): Scope {
  const made = stacksOfEnvironment(environment, table[environment]!);
  const stacks = [
    environment,
    ...[keyStackName, disasterRecoveryStackName, secondaryStackName].map((name) => name(environment)).filter((stack) => made.includes(stack)),
  ];
  return {
    environment,
    namePrefix: namePrefixOf(environment),
    // Only database stacks write parameters: the key stack has none.
    parameterPatterns: [`${parameterPath(environment)}/*`],
    stackPatterns: stacks,
    restoreSources: [environment, ...(RESTORE_SOURCES[environment] ?? [])],
  };
}

/** Every preview stack (`preview-<slug>`): `<project>-preview-*`, `/<project>/preview-*`. */
export function previewScope(): Scope {
  const stack = `${PREVIEW_ENVIRONMENT}-*`;
  return {
    environment: PREVIEW_ENVIRONMENT,
    namePrefix: namePrefixOf(PREVIEW_ENVIRONMENT),
    parameterPatterns: [`${parameterPath(PREVIEW_ENVIRONMENT)}-*`],
    stackPatterns: [stack],
    restoreSources: [PREVIEW_ENVIRONMENT],
  };
}

/** Every scope: each environment of the settings table, in its order, and the previews. */
export function allScopes(table: SettingsTable = ENVIRONMENTS): Scope[] {
  return [...(Object.keys(table) as EnvironmentName[]).map((environment) => environmentScope(environment, table)), previewScope()];
}

/**
 * Names an environment may not take, since patterns built from it would reach what they name:
 * `preview` (the previews' scope), `pipeline` (`<project>-pipeline-…`, the pipeline's roles and
 * policies) and `bootstrap` (the bootstrap stack). Each scope's permissions boundary is named
 * within the scope's own names (`<project>-<scope>-workload-boundary`, stacks/delivery.ts).
 */
export function reservedNames(): string[] {
  return [PREVIEW_ENVIRONMENT, "pipeline", BOOTSTRAP_STACK_NAME];
}

/**
 * Refuses environment names whose patterns would reach another scope's resources: a reserved
 * name, or one name followed by `-` starting another (`prod` and `prod-eu`: `<project>-prod-*`
 * matches `<project>-prod-eu-…`).
 * Runs whenever the pipeline's AWS part is built, on every synth of the bootstrap stack.
 */
export function checkEnvironmentScopes(environments: readonly string[] = Object.keys(ENVIRONMENTS)): void {
  const problems: ValidationProblem[] = [];
  const reserved = reservedNames();
  for (const name of environments) {
    const clash = reserved.find((word) => name === word || name.startsWith(`${word}-`) || word.startsWith(`${name}-`));
    if (clash !== undefined) {
      problems.push({
        property: `ENVIRONMENTS.${name}`,
        received: name,
        allowed: `a name other than ${reserved.map((word) => `"${word}"`).join(", ")} and not joined to one by "-": "${PROJECT.name}-${clash}-…" names belong to ${clash === PREVIEW_ENVIRONMENT ? "the previews" : "the pipeline"}`,
      });
      continue;
    }
    const wider = environments.find((other) => other !== name && name.startsWith(`${other}-`));
    if (wider !== undefined) {
      problems.push({
        property: `ENVIRONMENTS.${name}`,
        received: name,
        allowed: `a name that does not start with another environment's name and "-": "${PROJECT.name}-${wider}-*" (${wider}'s roles) would reach "${PROJECT.name}-${name}-…"`,
      });
    }
  }
  if (problems.length > 0) throw new ValidationError("Environment settings", problems);
}
