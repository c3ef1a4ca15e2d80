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

/**
 * Every stack the settings table makes, in the order of its rows, each environment's key stack
 * before its database stack, with the GitHub environment that guards it.
 */
export function stacksOfTable(): DeployEntry[] {
  return (Object.keys(ENVIRONMENTS) as EnvironmentName[]).flatMap((name) => {
    const { encryptionKey, githubEnvironment } = ENVIRONMENTS[name];
    const stacks = encryptionKey === "key-stack" ? [keyStackName(name), name] : [name];
    return stacks.map((stack) => ({ stack, environment: githubEnvironment }));
  });
}

/**
 * The entries for these stacks (as `.github/scripts/stacks-in-order.sh` lists them from the
 * manifest), in the table's order: dev, then staging, then prod, so that a failure in an earlier
 * environment stops the later ones. (The manifest's own order is alphabetical among independent
 * stacks.)
 */
export function deployMatrix(stacks: readonly string[]): { include: DeployEntry[] } {
  const ordered = stacksOfTable();
  const unknown = stacks.filter((stack) => !ordered.some((entry) => entry.stack === stack));
  if (unknown.length > 0) {
    throw new Error(`stacks ${unknown.join(", ")} belong to no environment of stacks/environments.ts, which has ${ordered.map((entry) => entry.stack).join(", ")}`);
  }
  return { include: ordered.filter((entry) => stacks.includes(entry.stack)) };
}
