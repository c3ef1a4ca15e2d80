/**
 * What the workflows plan and deploy, derived from the settings table, so that a new environment
 * is planned and deployed by adding its row: every stack in deploy order with the GitHub
 * environment that guards it (the generated deploy workflow's jobs, scripts/deploy-workflow.ts),
 * the stacks whose pull requests get speculative plans (plan.yml's matrix), and the check that
 * the synthesized app has exactly those stacks.
 */
import { environmentStacks, type SettingsTable } from "./bootstrap/environment-stacks";
import { BOOTSTRAP_STACK_NAME } from "./delivery";
import { ENVIRONMENTS } from "./environments";
import { isPreviewStack } from "./preview";

export interface DeployEntry {
  readonly stack: string;
  /** The GitHub environment that guards its applies. */
  readonly environment: string;
  /** Whether pull requests get speculative plans of it (its environment's `pullRequestPlans`). */
  readonly pullRequestPlans: boolean;
}

/**
 * Every stack the settings table makes, in the order of its rows, each environment's key stack
 * before its database stack, with the GitHub environment that guards it.
 */
export function stacksOfTable(table: SettingsTable = ENVIRONMENTS): DeployEntry[] {
  return environmentStacks(table).flatMap(({ settings: { githubEnvironment, pullRequestPlans }, stacks }) =>
    stacks.map((stack) => ({ stack, environment: githubEnvironment, pullRequestPlans })),
  );
}

/** cdktf.out/manifest.json, as far as the workflows read it. */
export interface Manifest {
  readonly stacks: Readonly<Record<string, { readonly dependencies?: readonly string[] }>>;
}

/** The stacks a workflow plans or applies: all but the pull requests' previews and the bootstrap stack. */
export function isDeployable(stack: string): boolean {
  return !isPreviewStack(stack) && stack !== BOOTSTRAP_STACK_NAME;
}

/**
 * Why the synthesized app does not match the table, or nothing: every deployable stack of the
 * manifest is a stack of the table and the other way round, and the table's order puts each stack
 * after the stacks it depends on (the deploy's jobs run in that order).
 */
export function manifestProblems(manifest: Manifest, entries: readonly DeployEntry[] = stacksOfTable()): string[] {
  const order = entries.map((entry) => entry.stack);
  const synthesized = Object.keys(manifest.stacks).filter(isDeployable);
  const problems = [
    ...synthesized
      .filter((stack) => !order.includes(stack))
      .map((stack) => `stack ${stack} belongs to no environment of stacks/environments.ts, which makes ${order.join(", ")}`),
    ...order.filter((stack) => !synthesized.includes(stack)).map((stack) => `stack ${stack} of stacks/environments.ts was not synthesized`),
  ];
  for (const stack of order.filter((name) => synthesized.includes(name))) {
    for (const dependency of (manifest.stacks[stack]?.dependencies ?? []).filter(isDeployable)) {
      if (order.indexOf(dependency) > order.indexOf(stack)) problems.push(`stack ${stack} depends on ${dependency}, which the table's order deploys after it`);
    }
  }
  return problems;
}

/** The pull requests' plans: the stacks planned, in the table's order, and those planned by the deploy of main only. */
export function pullRequestPlans(entries: readonly DeployEntry[] = stacksOfTable()): { planned: string[]; deployOnly: string[] } {
  return {
    planned: entries.filter((entry) => entry.pullRequestPlans).map((entry) => entry.stack),
    deployOnly: entries.filter((entry) => !entry.pullRequestPlans).map((entry) => entry.stack),
  };
}
