import type { App } from "cdktf";
import { ValidationError } from "cdktf-aurora-postgresql-serverless";
import { readCloudSettings, type CloudSettings } from "./backend";
import { terraformTypes, withInputAddedTypes, type ScopeDisasterRecoveryTypes, type ScopeResourceTypes } from "./bootstrap/aws/resource-types";
import { PREVIEW_ENVIRONMENT } from "./bootstrap/aws/scopes";
import { BootstrapStack } from "./bootstrap/bootstrap-stack";
import { readBootstrapInputs } from "./bootstrap/inputs";
import type { StateResource } from "./bootstrap/state";
import { DatabaseStack, globalClusterIdentifier } from "./database-stack";
import { readDeploymentInputs, type Environment } from "./deployment-inputs";
import { DisasterRecoveryStack, disasterRecoveryStackName } from "./disaster-recovery-stack";
import {
  checkSettingsTable,
  databaseResourceName,
  ENVIRONMENTS,
  environmentTags,
  hasDisasterRecoveryStack,
  notifiesBackupsToAlarmTopic,
  PROJECT,
  type EnvironmentName,
  type EnvironmentSettings,
} from "./environments";
import { EncryptionKeyStack, keyStackName } from "./key-stack";
import { PREVIEW_CONTEXT_KEY, previewStackName, readPreviewId } from "./preview";
import { GlobalSecondaryStack, secondaryStackName } from "./secondary-stack";

/** The settings table the app is built from: stacks/environments.ts's ENVIRONMENTS, or a test's copy of it. */
export type EnvironmentsTable = Readonly<Record<EnvironmentName, EnvironmentSettings>>;

export interface DefinedStacks {
  readonly environments: Record<EnvironmentName, DatabaseStack>;
  /** The long-lived key stacks of the environments that use a customer-managed key (with backups, their vault too). */
  readonly keys: Partial<Record<EnvironmentName, EncryptionKeyStack>>;
  /** The long-lived stacks in the disaster-recovery region of the environments with copies of their backups or a global secondary. */
  readonly disasterRecovery: Partial<Record<EnvironmentName, DisasterRecoveryStack>>;
  /** The global secondaries' stacks of the environments with `globalSecondary`. */
  readonly secondaries: Partial<Record<EnvironmentName, GlobalSecondaryStack>>;
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
  /** The settings table. @default ENVIRONMENTS (a test gives a copy with a setting changed) */
  readonly environments?: EnvironmentsTable;
}

/** The environment whose settings every preview takes: a preview costs nothing while idle and destroys cleanly. */
export const PREVIEW_SETTINGS: EnvironmentName = "dev";

type Attempt = <T>(create: () => T) => T | undefined;

interface DeployableStacks {
  readonly environments: Record<EnvironmentName, DatabaseStack>;
  readonly keys: Partial<Record<EnvironmentName, EncryptionKeyStack>>;
  readonly disasterRecovery: Partial<Record<EnvironmentName, DisasterRecoveryStack>>;
  readonly secondaries: Partial<Record<EnvironmentName, GlobalSecondaryStack>>;
  readonly preview?: DatabaseStack;
}

/**
 * Adds one stack per environment to the app (and, before it, its key stack where the
 * environment uses a customer-managed key, and its disaster-recovery stack where it copies its
 * backups to another region or has a global secondary; after it, its global secondary's stack), a
 * preview stack when a preview id is given, and the bootstrap stack.
 * A settings table the app cannot build, and invalid input, throw a ValidationError before
 * anything is synthesized; problems of several stacks are reported together.
 */
export function defineStacks(app: App, env: Environment, options: DefineOptions = {}): DefinedStacks {
  const table = options.environments ?? ENVIRONMENTS;
  checkSettingsTable(table, PREVIEW_SETTINGS);
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

  const { stacks, cloud } = defineDeployableStacks(app, env, attempt, table);
  const { environments, keys, disasterRecovery, secondaries, preview } = stacks;

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
              environments: table,
              resourceTypes: withInputAddedTypes(scopeResourceTypes(stacks)),
              disasterRecovery: disasterRecoveryTypes(stacks),
              state: options.bootstrapState,
            }),
        )
      : undefined;

  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) {
    const problems = failures.flatMap((failure) => failure.problems.map((problem) => ({ ...problem, property: `${failure.subject}: ${problem.property}` })));
    throw new ValidationError("The app", problems);
  }
  return { environments, keys, disasterRecovery, secondaries, preview, bootstrap: bootstrap! };
}

/**
 * The database, key and disaster-recovery stacks and the global secondaries' (and a preview) for
 * these inputs, with the Terraform Cloud settings they read.
 */
function defineDeployableStacks(
  app: App,
  env: Environment,
  attempt: Attempt,
  table: EnvironmentsTable,
): { stacks: DeployableStacks; cloud: CloudSettings | undefined } {
  const previewId = readPreviewId(env, app.node.tryGetContext(PREVIEW_CONTEXT_KEY));
  const previewName = previewId === undefined ? undefined : previewStackName(previewId);
  const environmentNames = Object.keys(table) as EnvironmentName[];
  const databaseStackNames = previewName === undefined ? environmentNames : [...environmentNames, previewName];
  const keyEnvironments = environmentNames.filter((name) => table[name].encryptionKey === "key-stack");
  const drEnvironments = environmentNames.filter((name) => hasDisasterRecoveryStack(table[name]));
  const secondaryEnvironments = environmentNames.filter((name) => table[name].globalSecondary);
  const cloud = readCloudSettings(env, [
    ...databaseStackNames,
    ...keyEnvironments.map(keyStackName),
    ...drEnvironments.map(disasterRecoveryStackName),
    ...secondaryEnvironments.map(secondaryStackName),
  ]);
  const alarmStacks = environmentNames.filter((name) => table[name].alarms);
  const inputs = readDeploymentInputs(databaseStackNames, env, keyEnvironments, alarmStacks, drEnvironments);

  const environments = {} as Record<EnvironmentName, DatabaseStack>;
  const keys: Partial<Record<EnvironmentName, EncryptionKeyStack>> = {};
  const disasterRecovery: Partial<Record<EnvironmentName, DisasterRecoveryStack>> = {};
  const secondaries: Partial<Record<EnvironmentName, GlobalSecondaryStack>> = {};
  for (const name of environmentNames) {
    const settings = table[name];
    const tags = environmentTags(name);
    const databaseName = databaseResourceName(name);
    const drRegion = inputs[name].disasterRecoveryRegion;
    const drStack =
      drEnvironments.includes(name) && drRegion !== undefined
        ? attempt(
            () =>
              new DisasterRecoveryStack(app, disasterRecoveryStackName(name), {
                databaseName,
                region: drRegion,
                cloud,
                tags,
                backupCopies: settings.disasterRecoveryCopies,
                secondaryKey: settings.globalSecondary && settings.encryptionKey === "key-stack",
              }),
          )
        : undefined;
    if (drStack) disasterRecovery[name] = drStack;
    // The key lives where its database lives: same region, same account, same tags; so does the vault of its backups.
    const keyStack = keyEnvironments.includes(name)
      ? attempt(
          () =>
            new EncryptionKeyStack(app, keyStackName(name), {
              databaseName,
              region: inputs[name].region,
              cloud,
              tags,
              importKeyId: inputs[name].importKeyId,
              backupVault: settings.backups !== "none",
              backupNotifications: notifiesBackupsToAlarmTopic(settings),
            }),
        )
      : undefined;
    if (keyStack) keys[name] = keyStack;
    const stack = attempt(() => new DatabaseStack(app, name, { settings, inputs: inputs[name], cloud, keyStack, disasterRecoveryStack: drStack }));
    if (stack) environments[name] = stack;
    if (settings.globalSecondary && stack !== undefined && drStack !== undefined) {
      const secondary = attempt(
        () =>
          new GlobalSecondaryStack(app, secondaryStackName(name), {
            databaseName,
            globalClusterIdentifier: globalClusterIdentifier(name),
            settings,
            minCapacity: stack.database.minCapacity,
            maxCapacity: stack.database.maxCapacity,
            region: drStack.region,
            cloud,
            tags,
            disasterRecoveryStack: drStack,
          }),
      );
      if (secondary) {
        // After the global cluster it joins, and the key it is encrypted with.
        secondary.addDependency(stack);
        secondary.addDependency(drStack);
        secondaries[name] = secondary;
      }
    }
  }
  // A preview takes PREVIEW_SETTINGS's settings, and the previews' scope (their Environment tag
  // and permissions boundary).
  const preview =
    previewName === undefined
      ? undefined
      : attempt(
          () =>
            new DatabaseStack(app, previewName, {
              settings: table[PREVIEW_SETTINGS],
              inputs: inputs[previewName]!,
              cloud,
              environmentTag: PREVIEW_ENVIRONMENT,
            }),
        );
  return { stacks: { environments, keys, disasterRecovery, secondaries, preview }, cloud };
}

/**
 * Each scope's Terraform types, read from its stacks' constructs (no synth): an environment's are
 * those of its database stack, its key stack, its disaster-recovery stack and its global
 * secondary's; the previews' are those of PREVIEW_SETTINGS's database stack, whose settings every
 * preview takes (and of the preview stack, when one is defined). The bootstrap stack derives each
 * scope's roles from them: a change that adds a type to a scope needs the bootstrap stack applied
 * before its deploy (stacks/bootstrap/aws/resource-types.ts).
 */
function scopeResourceTypes({ environments, keys, disasterRecovery, secondaries, preview }: DeployableStacks): ScopeResourceTypes {
  const types: Record<string, readonly string[]> = {};
  for (const name of Object.keys(environments) as EnvironmentName[]) {
    types[name] = terraformTypes([environments[name], ...[keys[name], disasterRecovery[name], secondaries[name]].filter((stack) => stack !== undefined)]);
  }
  types[PREVIEW_ENVIRONMENT] = terraformTypes([environments[PREVIEW_SETTINGS], ...(preview ? [preview] : [])]);
  return types;
}

/**
 * The region and the Terraform types of the stacks each environment deploys to its
 * disaster-recovery region (`<env>-dr`, `<env>-secondary`), for the environments that have them:
 * their roles hold those types' actions in that region too.
 */
function disasterRecoveryTypes({ disasterRecovery, secondaries }: Pick<DeployableStacks, "disasterRecovery" | "secondaries">): ScopeDisasterRecoveryTypes {
  const regions: Record<string, { region: string; types: readonly string[] }> = {};
  for (const [name, stack] of Object.entries(disasterRecovery) as [EnvironmentName, DisasterRecoveryStack][]) {
    regions[name] = { region: stack.region, types: terraformTypes([stack, ...(secondaries[name] ? [secondaries[name]] : [])]) };
  }
  return regions;
}

/** The validation errors of every construct of every stack, as `[path] message` (the module's). */
export { validationErrors } from "cdktf-aurora-postgresql-serverless";
