/**
 * Which stacks, and so which Terraform Cloud workspaces, each environment of a settings table has,
 * in deploy order: `<env>-dr` (in the disaster-recovery region, with copies of its backups or a
 * global secondary) and `<env>-key` (with a customer-managed key) before `<env>`, and
 * `<env>-secondary` (with a global secondary) after it. The one rule of it: the workflows'
 * stacksOfTable() (stacks/deploy-matrix.ts) lists these, the pipeline's roles trust their
 * workspaces (stacks/bootstrap/aws/scopes.ts), and the bootstrap stack's parts are built from them,
 * for any table (a test's, with a row added).
 */
import { disasterRecoveryStackName } from "../disaster-recovery-stack";
import { hasDisasterRecoveryStack, type EnvironmentSettings } from "../environments";
import { keyStackName } from "../key-stack";
import { secondaryStackName } from "../secondary-stack";

/** The settings of an environment that decide its stacks and who may touch their workspaces. */
export type PipelineSettings = Pick<
  EnvironmentSettings,
  "encryptionKey" | "disasterRecoveryCopies" | "globalSecondary" | "githubEnvironment" | "approvalRequired" | "pullRequestPlans"
>;

/** A settings table: stacks/environments.ts's ENVIRONMENTS, or any table of the same shape. */
export type SettingsTable = Readonly<Record<string, PipelineSettings>>;

export interface EnvironmentStacks {
  readonly environment: string;
  readonly settings: PipelineSettings;
  /** The environment's stacks in deploy order: its long-lived stacks first, its global secondary last. */
  readonly stacks: readonly string[];
}

/** An environment's stacks in deploy order. */
export function stacksOfEnvironment(environment: string, settings: PipelineSettings): string[] {
  return [
    ...(hasDisasterRecoveryStack(settings) ? [disasterRecoveryStackName(environment)] : []),
    ...(settings.encryptionKey === "key-stack" ? [keyStackName(environment)] : []),
    environment,
    ...(settings.globalSecondary ? [secondaryStackName(environment)] : []),
  ];
}

/** Every environment of the table, in the order of its rows, with its stacks. */
export function environmentStacks(table: SettingsTable): EnvironmentStacks[] {
  return Object.entries(table).map(([environment, settings]) => ({ environment, settings, stacks: stacksOfEnvironment(environment, settings) }));
}
