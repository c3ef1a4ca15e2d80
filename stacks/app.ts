import type { App } from "cdktf";
import { readCloudSettings } from "./backend";
import { DatabaseStack } from "./database-stack";
import { type Environment, readDeploymentInputs } from "./deployment-inputs";
import { ENVIRONMENTS, type EnvironmentName } from "./environments";

/** Adds one stack per environment to the app; throws on any invalid input before synth. */
export function defineStacks(app: App, env: Environment): Record<EnvironmentName, DatabaseStack> {
  const names = Object.keys(ENVIRONMENTS) as EnvironmentName[];
  const cloud = readCloudSettings(env, names);
  const stacks = {} as Record<EnvironmentName, DatabaseStack>;
  for (const name of names) {
    stacks[name] = new DatabaseStack(app, name, {
      settings: ENVIRONMENTS[name],
      inputs: readDeploymentInputs(name, env),
      cloud,
    });
  }
  return stacks;
}
