import type { App } from "cdktf";
import { ValidationError } from "cdktf-aurora-postgresql-serverless";
import { readCloudSettings } from "./backend";
import { DatabaseStack } from "./database-stack";
import { type Environment, readDeploymentInputs } from "./deployment-inputs";
import { ENVIRONMENTS, type EnvironmentName, databaseResourceName, environmentTags } from "./environments";
import { EncryptionKeyStack, keyStackName } from "./key-stack";
import { PREVIEW_CONTEXT_KEY, previewStackName, readPreviewId } from "./preview";

export interface DefinedStacks {
  readonly environments: Record<EnvironmentName, DatabaseStack>;
  /** The long-lived key stacks of the environments that use a customer-managed key. */
  readonly keys: Partial<Record<EnvironmentName, EncryptionKeyStack>>;
  /** The pull request's preview stack, when a preview id is given. */
  readonly preview?: DatabaseStack;
}

/**
 * Adds one stack per environment to the app (and, before it, its key stack where the
 * environment uses a customer-managed key), and a preview stack when a preview id is given.
 * Invalid input throws a ValidationError before anything is synthesized; problems of several
 * stacks are reported together.
 */
export function defineStacks(app: App, env: Environment): DefinedStacks {
  const previewId = readPreviewId(env, app.node.tryGetContext(PREVIEW_CONTEXT_KEY));
  const previewName = previewId === undefined ? undefined : previewStackName(previewId);
  const environmentNames = Object.keys(ENVIRONMENTS) as EnvironmentName[];
  const databaseStackNames = previewName === undefined ? environmentNames : [...environmentNames, previewName];
  const keyEnvironments = environmentNames.filter((name) => ENVIRONMENTS[name].encryptionKey === "key-stack");
  const cloud = readCloudSettings(env, [...databaseStackNames, ...keyEnvironments.map(keyStackName)]);
  const alarmStacks = environmentNames.filter((name) => ENVIRONMENTS[name].alarms);
  const inputs = readDeploymentInputs(databaseStackNames, env, keyEnvironments, alarmStacks);

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
  const keys: Partial<Record<EnvironmentName, EncryptionKeyStack>> = {};
  for (const name of environmentNames) {
    const settings = ENVIRONMENTS[name];
    // The key lives where its database lives: same region, same account, same tags.
    const keyStack = keyEnvironments.includes(name)
      ? attempt(
          () =>
            new EncryptionKeyStack(app, keyStackName(name), {
              databaseName: databaseResourceName(name),
              region: inputs[name].region,
              cloud,
              tags: environmentTags(name),
              importKeyId: inputs[name].importKeyId,
            }),
        )
      : undefined;
    if (keyStack) keys[name] = keyStack;
    const stack = attempt(() => new DatabaseStack(app, name, { settings, inputs: inputs[name], cloud, keyStack }));
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
  return { environments, keys, preview };
}

/** The validation errors of every construct of every stack, as `[path] message`. */
export function validationErrors(app: App): string[] {
  return app.node.findAll().flatMap((construct) => construct.node.validate().map((error) => `[${construct.node.path}] ${error}`));
}
