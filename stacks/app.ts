import type { App } from "cdktf";
import { ValidationError } from "cdktf-aurora-postgresql-serverless";
import { readCloudSettings } from "./backend";
import { DatabaseStack } from "./database-stack";
import { type Environment, readDeploymentInputs } from "./deployment-inputs";
import { ENVIRONMENTS, type EnvironmentName } from "./environments";

/**
 * Adds one stack per environment to the app. Invalid input throws a ValidationError before
 * anything is synthesized; problems of several stacks are reported together.
 */
export function defineStacks(app: App, env: Environment): Record<EnvironmentName, DatabaseStack> {
  const names = Object.keys(ENVIRONMENTS) as EnvironmentName[];
  const cloud = readCloudSettings(env, names);
  const inputs = readDeploymentInputs(names, env);
  const stacks = {} as Record<EnvironmentName, DatabaseStack>;
  const failures: ValidationError[] = [];
  for (const name of names) {
    try {
      stacks[name] = new DatabaseStack(app, name, {
        settings: ENVIRONMENTS[name],
        inputs: inputs[name],
        cloud,
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      failures.push(error);
    }
  }
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) {
    const problems = failures.flatMap((failure) =>
      failure.problems.map((problem) => ({ ...problem, property: `${failure.subject}: ${problem.property}` })),
    );
    throw new ValidationError("The app", problems);
  }
  return stacks;
}

/** The validation errors of every construct of every stack, as `[path] message`. */
export function validationErrors(app: App): string[] {
  return app.node.findAll().flatMap((construct) => construct.node.validate().map((error) => `[${construct.node.path}] ${error}`));
}
