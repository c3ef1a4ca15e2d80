import type { App } from "cdktf";
import { ValidationError } from "cdktf-aurora-postgresql-serverless";
import { readCloudSettings } from "./backend";
import { DatabaseStack } from "./database-stack";
import { type Environment, readDeploymentInputs } from "./deployment-inputs";
import { ENVIRONMENTS, type EnvironmentName } from "./environments";
import { PREVIEW_CONTEXT_KEY, previewSlug, readPreviewId } from "./preview";

export interface DefinedStacks {
  readonly environments: Record<EnvironmentName, DatabaseStack>;
  /** The pull request's preview stack, when a preview id is given. */
  readonly preview?: DatabaseStack;
}

/**
 * Adds one stack per environment to the app, and a preview stack when a preview id is given.
 * Invalid input throws a ValidationError before anything is synthesized; problems of several
 * stacks are reported together.
 */
export function defineStacks(app: App, env: Environment): DefinedStacks {
  const previewId = readPreviewId(env, app.node.tryGetContext(PREVIEW_CONTEXT_KEY));
  const previewName = previewId === undefined ? undefined : `preview-${previewSlug(previewId)}`;
  const environmentNames = Object.keys(ENVIRONMENTS) as EnvironmentName[];
  const stackNames = previewName === undefined ? environmentNames : [...environmentNames, previewName];
  const cloud = readCloudSettings(env, stackNames);
  const inputs = readDeploymentInputs(stackNames, env);

  const failures: ValidationError[] = [];
  const attempt = <T>(create: () => T): T | undefined => {
    try {
      return create();
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      failures.push(error);
      return undefined;
    }
  };

  const environments = {} as Record<EnvironmentName, DatabaseStack>;
  for (const name of environmentNames) {
    const stack = attempt(() => new DatabaseStack(app, name, { settings: ENVIRONMENTS[name], inputs: inputs[name], cloud }));
    if (stack) environments[name] = stack;
  }
  // A preview costs nothing while idle and destroys cleanly: it takes dev's settings.
  const preview =
    previewName === undefined
      ? undefined
      : attempt(
          () =>
            new DatabaseStack(app, previewName, {
              settings: ENVIRONMENTS.dev,
              inputs: inputs[previewName]!,
              cloud,
              environmentTag: "preview",
            }),
        );

  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) {
    const problems = failures.flatMap((failure) =>
      failure.problems.map((problem) => ({ ...problem, property: `${failure.subject}: ${problem.property}` })),
    );
    throw new ValidationError("The app", problems);
  }
  return { environments, preview };
}

/** The validation errors of every construct of every stack, as `[path] message`. */
export function validationErrors(app: App): string[] {
  return app.node.findAll().flatMap((construct) => construct.node.validate().map((error) => `[${construct.node.path}] ${error}`));
}
