import type { App } from "cdktf";
import { ValidationError } from "cdktf-aurora-postgresql-serverless";
import { type CloudSettings, readCloudSettings } from "./backend";
import { type ScopeResourceTypes, terraformTypes, withInputAddedTypes } from "./bootstrap/aws/resource-types";
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

/** The environment whose settings every preview takes: a preview costs nothing while idle and destroys cleanly. */
export const PREVIEW_SETTINGS: EnvironmentName = "dev";

type Attempt = <T>(create: () => T) => T | undefined;

interface DeployableStacks {
  readonly environments: Record<EnvironmentName, DatabaseStack>;
  readonly keys: Partial<Record<EnvironmentName, EncryptionKeyStack>>;
  readonly preview?: DatabaseStack;
}

/**
 * Adds one stack per environment to the app (and, before it, its key stack where the
 * environment uses a customer-managed key), a preview stack when a preview id is given, and the
 * bootstrap stack.
 * Invalid input throws a ValidationError before anything is synthesized; problems of several
 * stacks are reported together.
 */
export function defineStacks(app: App, env: Environment, options: DefineOptions = {}): DefinedStacks {
  const failures: ValidationError[] = [];
  const attempt: Attempt = (create) => {
    try {
      return create();
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      failures.push(error);
      return undefined;
    }
  };

  const { stacks, cloud } = defineDeployableStacks(app, env, attempt);
  const { environments, keys, preview } = stacks;

  // In the region the environments share (AURORA_AWS_REGION): the AWS part's roles name it.
  const region = env.AURORA_AWS_REGION || PROJECT.defaultRegion;
  // Its inputs are read even when a stack failed, so that their problems are reported with the
  // stacks'; the stack itself is derived from every stack's types, so it is built only when all were.
  const bootstrapInputs = attempt(() => readBootstrapInputs(env, cloud));
  const bootstrap =
    failures.length === 0 && bootstrapInputs !== undefined
      ? attempt(
          () =>
            new BootstrapStack(app, {
              inputs: bootstrapInputs,
              region,
              environments: ENVIRONMENTS,
              resourceTypes: withInputAddedTypes(scopeResourceTypes(stacks)),
              state: options.bootstrapState,
            }),
        )
      : undefined;

  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) {
    const problems = failures.flatMap((failure) =>
      failure.problems.map((problem) => ({ ...problem, property: `${failure.subject}: ${problem.property}` })),
    );
    throw new ValidationError("The app", problems);
  }
  return { environments, keys, preview, bootstrap: bootstrap! };
}

/** The database and key stacks (and a preview) for these inputs, with the Terraform Cloud settings they read. */
function defineDeployableStacks(app: App, env: Environment, attempt: Attempt): { stacks: DeployableStacks; cloud: CloudSettings | undefined } {
  const previewId = readPreviewId(env, app.node.tryGetContext(PREVIEW_CONTEXT_KEY));
  const previewName = previewId === undefined ? undefined : previewStackName(previewId);
  const environmentNames = Object.keys(ENVIRONMENTS) as EnvironmentName[];
  const databaseStackNames = previewName === undefined ? environmentNames : [...environmentNames, previewName];
  const keyEnvironments = environmentNames.filter((name) => ENVIRONMENTS[name].encryptionKey === "key-stack");
  const cloud = readCloudSettings(env, [...databaseStackNames, ...keyEnvironments.map(keyStackName)]);
  const alarmStacks = environmentNames.filter((name) => ENVIRONMENTS[name].alarms);
  const inputs = readDeploymentInputs(databaseStackNames, env, keyEnvironments, alarmStacks);

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
  // A preview takes PREVIEW_SETTINGS's settings, and the previews' scope (their Environment tag
  // and permissions boundary).
  const preview =
    previewName === undefined
      ? undefined
      : attempt(
          () =>
            new DatabaseStack(app, previewName, {
              settings: ENVIRONMENTS[PREVIEW_SETTINGS],
              inputs: inputs[previewName]!,
              cloud,
              environmentTag: PREVIEW_ENVIRONMENT,
            }),
        );
  return { stacks: { environments, keys, preview }, cloud };
}

/**
 * Each scope's Terraform types, read from its stacks' constructs (no synth): an environment's are
 * those of its database stack and its key stack; the previews' are those of PREVIEW_SETTINGS's
 * database stack, whose settings every preview takes (and of the preview stack, when one is
 * defined). The bootstrap stack derives each scope's roles from them: a change that adds a type
 * to a scope needs the bootstrap stack applied before its deploy (stacks/bootstrap/aws/resource-types.ts).
 */
export function scopeResourceTypes({ environments, keys, preview }: DeployableStacks): ScopeResourceTypes {
  const types: Record<string, readonly string[]> = {};
  for (const name of Object.keys(environments) as EnvironmentName[]) types[name] = terraformTypes([environments[name], ...(keys[name] ? [keys[name]] : [])]);
  types[PREVIEW_ENVIRONMENT] = terraformTypes([environments[PREVIEW_SETTINGS], ...(preview ? [preview] : [])]);
  return types;
}

/** The validation errors of every construct of every stack, as `[path] message`. */
export function validationErrors(app: App): string[] {
  return app.node.findAll().flatMap((construct) => construct.node.validate().map((error) => `[${construct.node.path}] ${error}`));
}
