import type { App } from "cdktf";
import { ValidationError } from "cdktf-aurora-postgresql-serverless";
import { readCloudSettings } from "./backend";
import { PREVIEW_ENVIRONMENT } from "./bootstrap/aws/scopes";
import { BootstrapStack } from "./bootstrap/bootstrap-stack";
import { readBootstrapInputs } from "./bootstrap/inputs";
import type { StateResource } from "./bootstrap/state";
import { DatabaseStack } from "./database-stack";
import { type Environment, readDeploymentInputs } from "./deployment-inputs";
import { ENVIRONMENTS, type EnvironmentName, PROJECT, databaseResourceName, environmentTags } from "./environments";
import { EncryptionKeyStack, keyStackName } from "./key-stack";
import { PREVIEW_CONTEXT_KEY, previewStackName, readPreviewId } from "./preview";

export interface DefinedStacks {
  readonly environments: Record<EnvironmentName, DatabaseStack>;
  /** The long-lived key stacks of the environments that use a customer-managed key. */
  readonly keys: Partial<Record<EnvironmentName, EncryptionKeyStack>>;
  /** The pull request's preview stack, when a preview id is given. */
  readonly preview?: DatabaseStack;
  /**
   * The pipeline's own infrastructure, always defined so that synth and the policy gate check it,
   * applied only by an administrator: no list of deployable stacks includes it.
   */
  readonly bootstrap: BootstrapStack;
}

export interface DefineOptions {
  /** The bootstrap stack's local state (readBootstrapState()), which `npx cdktf synth` checks; not checked when undefined. */
  readonly bootstrapState?: readonly StateResource[];
}

/**
 * Adds one stack per environment to the app (and, before it, its key stack where the
 * environment uses a customer-managed key), a preview stack when a preview id is given, and the
 * bootstrap stack.
 * Invalid input throws a ValidationError before anything is synthesized; problems of several
 * stacks are reported together.
 */
export function defineStacks(app: App, env: Environment, options: DefineOptions = {}): DefinedStacks {
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
  // A preview costs nothing while idle and destroys cleanly: it takes dev's settings, and the
  // previews' scope (their Environment tag and permissions boundary).
  const preview =
    previewName === undefined
      ? undefined
      : attempt(
          () =>
            new DatabaseStack(app, previewName, {
              settings: ENVIRONMENTS.dev,
              inputs: inputs[previewName]!,
              cloud,
              environmentTag: PREVIEW_ENVIRONMENT,
            }),
        );

  // In the region the environments share (AURORA_AWS_REGION): the AWS part's roles name it.
  const region = env.AURORA_AWS_REGION || PROJECT.defaultRegion;
  const bootstrap = attempt(() => new BootstrapStack(app, { inputs: readBootstrapInputs(env, cloud), region, environments: ENVIRONMENTS, state: options.bootstrapState }));

  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) {
    const problems = failures.flatMap((failure) =>
      failure.problems.map((problem) => ({ ...problem, property: `${failure.subject}: ${problem.property}` })),
    );
    throw new ValidationError("The app", problems);
  }
  return { environments, keys, preview, bootstrap: bootstrap! };
}

/** The validation errors of every construct of every stack, as `[path] message`. */
export function validationErrors(app: App): string[] {
  return app.node.findAll().flatMap((construct) => construct.node.validate().map((error) => `[${construct.node.path}] ${error}`));
}
