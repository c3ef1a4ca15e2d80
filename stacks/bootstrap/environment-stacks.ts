/**
 * Which stacks, and so which Terraform Cloud workspaces, each environment of a settings table has:
 * `<env>-key` before `<env>` where the environment uses a key stack. The one rule of it: the
 * workflows' stacksOfTable() (stacks/deploy-matrix.ts) lists these, and the bootstrap stack's
 * parts are built from them, for any table (a test's, with a row added).
 */
import type { EnvironmentSettings } from "../environments";
import { keyStackName } from "../key-stack";

/** The settings of an environment that decide its stacks and who may touch their workspaces. */
export type PipelineSettings = Pick<EnvironmentSettings, "encryptionKey" | "githubEnvironment" | "approvalRequired" | "pullRequestPlans">;

/** A settings table: stacks/environments.ts's ENVIRONMENTS, or any table of the same shape. */
export type SettingsTable = Readonly<Record<string, PipelineSettings>>;

export interface EnvironmentStacks {
  readonly environment: string;
  readonly settings: PipelineSettings;
  /** The environment's stacks in deploy order: its key stack first. */
  readonly stacks: readonly string[];
}

/** Every environment of the table, in the order of its rows, with its stacks. */
export function environmentStacks(table: SettingsTable): EnvironmentStacks[] {
  return Object.entries(table).map(([environment, settings]) => ({
    environment,
    settings,
    stacks: settings.encryptionKey === "key-stack" ? [keyStackName(environment), environment] : [environment],
  }));
}
