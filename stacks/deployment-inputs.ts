/**
 * The original stack's inputs (`aws_region`, `min_capacity`, `max_capacity`), read from the
 * environment at synth time so that a deployment can change them without editing code. A
 * stack-scoped variable (`AURORA_DEV_MIN_CAPACITY`) wins over the shared one
 * (`AURORA_MIN_CAPACITY`). Values are fixed into the synthesized configuration, so a plan
 * always matches the artifact that was reviewed. Any other `AURORA_…` variable is refused:
 * a misspelt one would otherwise be ignored without a word.
 */
import { ENDPOINT_KEY, ENV_KEYS } from "aurora-data-api-toolkit/env-keys";
import { partitionOfRegion, ValidationError, type ValidationProblem } from "cdktf-aurora-postgresql-serverless";
import { PROJECT } from "./environments";
import { nearestName } from "./nearest-name";

export type Environment = Readonly<Record<string, string | undefined>>;

const PREFIX = "AURORA_";

/** A variable the app knows, named by what follows `AURORA_` (and `AURORA_<STACK>_`). */
interface KnownVariable {
  /**
   * Where it is read: `shared` as `AURORA_<name>` only; `shared-or-stack` also per database
   * stack, as `AURORA_<STACK>_<name>`, which wins; `stack` only per database stack, as
   * `AURORA_<STACK>_<name>`; `key-stack` only per environment with a key stack, as
   * `AURORA_<ENV>_<name>`; `shared-or-alarm-stack` as `shared-or-stack`, but per stack only for
   * the database stacks that have alarms; `dr-stack` only per environment with a
   * disaster-recovery stack (`<env>-dr`), as `AURORA_<ENV>_<name>`.
   */
  readonly forms: "shared" | "shared-or-stack" | "stack" | "key-stack" | "shared-or-alarm-stack" | "dr-stack";
  readonly meaning: string;
}

/**
 * Every `AURORA_…` variable the app knows, in one table: add a variable here before reading it
 * anywhere.
 */
export const AURORA_VARIABLES = {
  AWS_REGION: { forms: "shared-or-stack", meaning: "the region of the stack (the original aws_region)" },
  MIN_CAPACITY: { forms: "shared-or-stack", meaning: "the minimum capacity in ACUs (the original min_capacity)" },
  MAX_CAPACITY: { forms: "shared-or-stack", meaning: "the maximum capacity in ACUs (the original max_capacity)" },
  // Once, when an environment deployed with 0.1.0 (key inside the database stack) moves its key
  // into its key stack: the key stack imports the key and its alias instead of creating them.
  IMPORT_KEY_ID: { forms: "key-stack", meaning: "the id of the environment's existing key, for its key stack to import" },
  // When a database stack's cluster is created: restore it from this snapshot (one stack at a
  // time, never shared). Ignored once the cluster exists.
  RESTORE_SNAPSHOT: { forms: "stack", meaning: "the snapshot (id or ARN) a database stack's new cluster is restored from" },
  // The address subscribed to the alarm topic of every stack with alarms (staging and prod);
  // a stack-scoped one sends that stack's alarms elsewhere. Stacks without alarms do not know it.
  ALARM_EMAIL: { forms: "shared-or-alarm-stack", meaning: "the email address subscribed to the alarm topic of the stacks with alarms" },
  // The region of an environment's disaster-recovery stack (<env>-dr, and <env>-secondary): only the
  // environments with disasterRecoveryCopies or globalSecondary know it. Never shared: each
  // environment's must differ from its own region.
  DR_REGION: { forms: "dr-stack", meaning: "the disaster-recovery region of an environment with copies of its backups or a global secondary" },
} as const satisfies Record<string, KnownVariable>;

export type AuroraVariable = keyof typeof AURORA_VARIABLES;
type PerStackVariable = {
  [K in AuroraVariable]: (typeof AURORA_VARIABLES)[K]["forms"] extends "shared-or-stack" | "shared-or-alarm-stack" ? K : never;
}[AuroraVariable];

/** `AURORA_<variable>`, or `AURORA_<STACK>_<variable>` for one stack. */
export function variableName(variable: AuroraVariable, stackName?: string): string {
  return stackName === undefined ? `${PREFIX}${variable}` : `${PREFIX}${variableScope(stackName)}_${variable}`;
}

/**
 * Every `AURORA_…` name the app knows when it defines these database stacks, key stacks for
 * these environments, alarms in these database stacks, and disaster-recovery stacks for these
 * environments.
 */
export function knownVariableNames(
  stackNames: readonly string[],
  keyEnvironments: readonly string[] = [],
  alarmStacks: readonly string[] = [],
  disasterRecoveryEnvironments: readonly string[] = [],
): string[] {
  const read = (Object.entries(AURORA_VARIABLES) as [AuroraVariable, KnownVariable][]).flatMap(([variable, { forms }]) => {
    if (forms === "key-stack") return keyEnvironments.map((environment) => variableName(variable, environment));
    if (forms === "dr-stack") return disasterRecoveryEnvironments.map((environment) => variableName(variable, environment));
    if (forms === "stack") return stackNames.map((stackName) => variableName(variable, stackName));
    if (forms === "shared-or-alarm-stack") return [variableName(variable), ...alarmStacks.map((stackName) => variableName(variable, stackName))];
    return [variableName(variable), ...(forms === "shared-or-stack" ? stackNames.map((stackName) => variableName(variable, stackName)) : [])];
  });
  return [...read, ...DOT_ENV_NAMES];
}

/**
 * The `AURORA_…` keys of a deployed database's `.env` (those `aurora-db env` writes and
 * `setup_instructions` lists, and the endpoint `aurora-db local` prints): the app reads none of
 * them, but whoever sourced `.env` has them set, so they are known, not misspelt inputs.
 */
const DOT_ENV_NAMES: readonly string[] = [...ENV_KEYS.map(({ key }) => key), ENDPOINT_KEY].filter((key) => key.startsWith(PREFIX));

export interface DeploymentInputs {
  readonly region: string;
  readonly minCapacity?: number;
  readonly maxCapacity?: number;
  /** The variable each given value came from, by the prop it feeds, to name it in error messages. */
  readonly sources: Readonly<Partial<Record<InputProp, string>>>;
  /** The existing key the environment's key stack imports, when moving from 0.1.0. */
  readonly importKeyId?: string;
  /** The snapshot the stack's cluster is restored from when it is created. */
  readonly restoreSnapshot?: string;
  /** The address subscribed to the stack's alarm topic; only for stacks with alarms. */
  readonly alarmEmail?: string;
  /**
   * The region of the environment's disaster-recovery stacks (`<env>-dr`, `<env>-secondary`):
   * AURORA_<ENV>_DR_REGION, or PROJECT.defaultDisasterRecoveryRegion; only for the environments
   * that have them.
   */
  readonly disasterRecoveryRegion?: string;
}

/** The props (and fields) that deployment inputs feed. */
type InputProp = "minCapacity" | "maxCapacity" | "restore.fromSnapshot" | "alarms.emailAddresses[0]";

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const DECIMAL_PATTERN = /^\d+(\.\d+)?$/;
/** A KMS key id: a UUID, or `mrk-` and 32 hex digits for a multi-Region key. */
const KEY_ID_PATTERN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;

/** `dev` → `DEV`, `preview-12` → `PREVIEW_12`. */
function variableScope(stackName: string): string {
  return stackName.toUpperCase().replace(/[^A-Z0-9]/g, "_");
}

/** The stack-scoped variable if set, else the shared one. */
function lookup(env: Environment, stackName: string, variable: PerStackVariable): { name: string; value: string } | undefined {
  for (const name of [variableName(variable, stackName), variableName(variable)]) {
    const value = env[name];
    if (value !== undefined && value !== "") return { name, value };
  }
  return undefined;
}

/**
 * Reads the inputs of every database stack (`keyEnvironments` are those with a key stack,
 * `alarmStacks` those with alarms, `disasterRecoveryEnvironments` those with a disaster-recovery
 * stack). A shared variable is checked once, however many stacks it feeds; all problems, unknown
 * variables among them, are reported together.
 */
export function readDeploymentInputs<Name extends string>(
  stackNames: readonly Name[],
  env: Environment,
  keyEnvironments: readonly Name[] = [],
  alarmStacks: readonly Name[] = [],
  disasterRecoveryEnvironments: readonly Name[] = [],
): Record<Name, DeploymentInputs> {
  const problems = new Map<string, ValidationProblem>();
  const report = (problem: ValidationProblem) => problems.set(problem.property, problem);
  const known = knownVariableNames(stackNames, keyEnvironments, alarmStacks, disasterRecoveryEnvironments);
  for (const name of Object.keys(env).filter((name) => name.startsWith(PREFIX) && !known.includes(name))) {
    report({ property: name, received: env[name], allowed: `a variable the app reads; did you mean ${nearestName(name, known)}?` });
  }
  const inputs = Object.fromEntries(
    stackNames.map((stackName) => [
      stackName,
      readStackInputs(
        stackName,
        env,
        report,
        keyEnvironments.includes(stackName),
        alarmStacks.includes(stackName),
        disasterRecoveryEnvironments.includes(stackName),
      ),
    ]),
  );
  if (problems.size > 0) throw new ValidationError("Deployment inputs", [...problems.values()]);
  return inputs as Record<Name, DeploymentInputs>;
}

function readStackInputs(
  stackName: string,
  env: Environment,
  report: (problem: ValidationProblem) => void,
  hasKeyStack: boolean,
  hasAlarms: boolean,
  hasDisasterRecovery: boolean,
): DeploymentInputs {
  const sources: Partial<Record<InputProp, string>> = {};

  const regionInput = lookup(env, stackName, "AWS_REGION");
  const region = regionInput?.value ?? PROJECT.defaultRegion;
  if (regionInput && !REGION_PATTERN.test(regionInput.value)) {
    report({ property: regionInput.name, received: regionInput.value, allowed: 'an AWS region code such as "us-east-1" or "eu-west-2"' });
  }

  const readCapacity = (key: "minCapacity" | "maxCapacity", variable: PerStackVariable): number | undefined => {
    const found = lookup(env, stackName, variable);
    if (!found) return undefined;
    sources[key] = found.name;
    if (!DECIMAL_PATTERN.test(found.value.trim())) {
      report({ property: found.name, received: found.value, allowed: "a number of ACUs such as 0, 0.5 or 4" });
      return undefined;
    }
    return Number(found.value);
  };
  const minCapacity = readCapacity("minCapacity", "MIN_CAPACITY");
  const maxCapacity = readCapacity("maxCapacity", "MAX_CAPACITY");

  const importName = variableName("IMPORT_KEY_ID", stackName);
  const importKeyId = hasKeyStack ? env[importName] || undefined : undefined;
  if (importKeyId !== undefined && !KEY_ID_PATTERN.test(importKeyId)) {
    report({ property: importName, received: importKeyId, allowed: 'a KMS key id such as "1234abcd-12ab-34cd-56ef-1234567890ab" (not an ARN or alias)' });
  }

  // Judged by the module's rules, which then name this variable.
  const restoreName = variableName("RESTORE_SNAPSHOT", stackName);
  const restoreSnapshot = env[restoreName] || undefined;
  if (restoreSnapshot !== undefined) sources["restore.fromSnapshot"] = restoreName;

  // Judged by the module's rules for alarm addresses, which then name the variable the user set.
  const alarmEmailInput = hasAlarms ? lookup(env, stackName, "ALARM_EMAIL") : undefined;
  if (alarmEmailInput) sources["alarms.emailAddresses[0]"] = alarmEmailInput.name;
  const disasterRecoveryRegion = hasDisasterRecovery ? readDisasterRecoveryRegion(stackName, env, report, region, regionInput?.name) : undefined;
  return { region, minCapacity, maxCapacity, sources, importKeyId, restoreSnapshot, alarmEmail: alarmEmailInput?.value, disasterRecoveryRegion };
}

/**
 * AURORA_<ENV>_DR_REGION, or the default: a region name, other than the environment's own region
 * (a copy or a secondary in the same region survives nothing that takes the region down), in the
 * same partition (AWS Backup copies, and a global database replicates, between regions of one
 * partition only). Problems name the variable, or the default and the variable that would change it.
 */
function readDisasterRecoveryRegion(
  environment: string,
  env: Environment,
  report: (problem: ValidationProblem) => void,
  region: string,
  regionVariable: string | undefined,
): string {
  const name = variableName("DR_REGION", environment);
  const given = env[name] || undefined;
  const value = given ?? PROJECT.defaultDisasterRecoveryRegion;
  const property = given === undefined ? `${name} (unset: the default ${value})` : name;
  const own = `${environment}'s own region (${region}${regionVariable === undefined ? ", the default" : `, from ${regionVariable}`})`;
  if (!REGION_PATTERN.test(value)) {
    report({ property, received: value, allowed: `an AWS region code other than ${own}, such as "us-west-2" or "eu-central-1"` });
  } else if (value === region) {
    report({
      property,
      received: value,
      allowed: `a region other than ${own}: a copy or a secondary in the database's region survives nothing that takes the region down`,
    });
  } else if (partitionOfRegion(region) !== undefined && partitionOfRegion(value) !== partitionOfRegion(region)) {
    report({
      property,
      received: value,
      allowed: `a region of the ${partitionOfRegion(region)} partition, that of ${own}: AWS Backup copies, and a global database replicates, between regions of one partition only`,
    });
  }
  return value;
}

/**
 * Names the variables behind a refused prop: the one that set the prop itself, and those that
 * set the props the rule weighed it against (`AURORA_DEV_MIN_CAPACITY=8` breaks dev's
 * `maxCapacity` of 1).
 */
export function withInputSources<T>(inputs: DeploymentInputs, create: () => T): T {
  try {
    return create();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const sources: Readonly<Record<string, string | undefined>> = inputs.sources;
    const problems = error.problems.map((problem) => {
      const own = sources[problem.property];
      const notes = [...(own ? [`from ${own}`] : []), ...(problem.related ?? []).flatMap((prop) => (sources[prop] ? [`${prop} from ${sources[prop]}`] : []))];
      return notes.length > 0 ? { ...problem, property: `${problem.property} (${notes.join("; ")})` } : problem;
    });
    throw new ValidationError(error.subject, problems);
  }
}
