/**
 * The deploy workflow's matrix: every stack of the app in the order it is deployed, each with the
 * GitHub environment that guards it, derived from the settings table, so that a new environment
 * is deployed by adding its row.
 */
import { ENVIRONMENTS, type EnvironmentName } from "./environments";
import { keyStackName } from "./key-stack";

export interface DeployEntry {
  readonly stack: string;
  readonly environment: string;
}

/** The entries for stacks in this order (as `.github/scripts/stacks-in-order.sh` prints it). */
export function deployMatrix(order: readonly string[]): { include: DeployEntry[] } {
  const environmentOf = new Map<string, string>();
  for (const name of Object.keys(ENVIRONMENTS) as EnvironmentName[]) {
    const settings = ENVIRONMENTS[name];
    environmentOf.set(name, settings.githubEnvironment);
    if (settings.encryptionKey === "key-stack") environmentOf.set(keyStackName(name), settings.githubEnvironment);
  }
  return {
    include: order.map((stack) => {
      const environment = environmentOf.get(stack);
      if (environment === undefined) throw new Error(`stack ${stack} belongs to no environment of stacks/environments.ts: ${[...environmentOf.keys()].join(", ")}`);
      return { stack, environment };
    }),
  };
}
