/** Builds stacks in memory and returns their synthesized Terraform JSON. */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { TerraformStack, TerraformVariable, Testing, type App } from "cdktf";
import { AuroraPostgresServerless, ValidationError, type AuroraPostgresServerlessProps, type ValidationProblem } from "cdktf-aurora-postgresql-serverless";
import { beforeAll, expect } from "vitest";
import { readJsonDocument } from "../../modules/aurora-postgresql-serverless/src/policy-gate/private/read-json-document";
import { defineStacks } from "../../stacks/app";
import { stacksOfTable } from "../../stacks/deploy-matrix";
import type { Environment } from "../../stacks/deployment-inputs";
import { disasterRecoveryStackName } from "../../stacks/disaster-recovery-stack";
import { ENVIRONMENTS, type EnvironmentName } from "../../stacks/environments";
import { keyStackName } from "../../stacks/key-stack";
import { secondaryStackName } from "../../stacks/secondary-stack";
import { testApp } from "./app";
import { deepFreeze } from "./freeze";

/** The smallest valid props; tests change one thing at a time. */
export const MINIMAL_PROPS: AuroraPostgresServerlessProps = { name: "test", databaseName: "app" };

// Terraform JSON is untyped by nature; tests read it like a document.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Block = Record<string, any>;

export interface Synthesized {
  /** As `Testing.synth` returns it, for cdktf's matchers. */
  readonly text: string;
  readonly json: Block;
}

export function synthesize(stack: TerraformStack): Synthesized {
  const text = Testing.synth(stack);
  return { text, json: JSON.parse(text) as Block };
}

type PartialProps = Partial<AuroraPostgresServerlessProps>;

/** A stack of `app` whose AWS provider has the given region (a reference, a Terraform variable, when "variable"). */
export function regionalStack(region: string, app: App = testApp(), id = "regional"): TerraformStack {
  const stack = new TerraformStack(app, id);
  const literal = region === "variable" ? new TerraformVariable(stack, "region", { type: "string" }).stringValue : region;
  new AwsProvider(stack, "aws", { region: literal });
  new RandomProvider(stack, "random");
  return stack;
}

/**
 * A stack holding one database, created with MINIMAL_PROPS plus `props`; props may be built
 * from the stack, to refer to other resources in it.
 */
export function databaseStack(
  props: PartialProps | ((stack: TerraformStack) => PartialProps) = {},
  app: App = testApp(),
): { stack: TerraformStack; database: AuroraPostgresServerless } {
  const stack = new TerraformStack(app, "test");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  new RandomProvider(stack, "random");
  const extra = typeof props === "function" ? props(stack) : props;
  const database = new AuroraPostgresServerless(stack, "Database", { ...MINIMAL_PROPS, ...extra });
  return { stack, database };
}

/**
 * A database with MINIMAL_PROPS plus `props`, in a stack without providers, where no rule that
 * weighs an input against the provider's region applies: the subject of most rule tests.
 */
export const createDatabase = (props: object = {}) =>
  new AuroraPostgresServerless(new TerraformStack(testApp(), "test"), "Database", { ...MINIMAL_PROPS, ...props } as AuroraPostgresServerlessProps);

/**
 * Whether tests share syntheses (synthDatabase, synthApp, inHook). Mutation testing turns it off
 * (vitest.mutation.config.ts): for each mutant Stryker runs only the tests that reached it, and a
 * test that reads a synthesis another test made reached nothing, so a mutant its assertions would
 * catch survived.
 */
const SHARE_SYNTHESES = process.env.TEST_SHARE_SYNTHESES !== "off";

const synthesizedDatabases = new Map<string, Synthesized>();

/**
 * A stack holding one database with MINIMAL_PROPS plus `props`, synthesized. Props given as data
 * are synthesized once per worker and shared (the JSON frozen, since tests only read it): 36 test
 * files ask for the defaults alone. Props built from the stack are synthesized each time.
 */
export function synthDatabase(props: PartialProps | ((stack: TerraformStack) => PartialProps) = {}): Synthesized {
  const key = typeof props === "function" ? undefined : dataKey(props);
  if (key === undefined || !SHARE_SYNTHESES) return synthesize(databaseStack(props).stack);
  let synthesized = synthesizedDatabases.get(key);
  if (!synthesized) {
    synthesized = frozen(synthesize(databaseStack(props).stack));
    synthesizedDatabases.set(key, synthesized);
  }
  return synthesized;
}

/** A synthesis to share between tests, which may only read it. */
const frozen = ({ text, json }: Synthesized): Synthesized => ({ text, json: deepFreeze(json) });

/**
 * A key for props made of plain data only (plain objects, arrays, strings, numbers, booleans,
 * null, undefined); undefined for anything else (functions, class instances, bigints), which is
 * never shared. Every value keeps its own spelling: a prop set to undefined, NaN or -0 is a case
 * of its own.
 */
export function dataKey(props: PartialProps): string | undefined {
  const plain = (value: unknown): boolean => {
    if (value === null || ["undefined", "string", "number", "boolean"].includes(typeof value)) return true;
    if (typeof value !== "object" || ![Object.prototype, Array.prototype, null].includes(Object.getPrototypeOf(value))) return false;
    return Object.values(value as object).every(plain);
  };
  if (!plain(props)) return undefined;
  // JSON would write undefined as nothing, and NaN, the infinities and -0 as null or 0.
  const spelled = (value: unknown) =>
    value === undefined || (typeof value === "number" && (!Number.isFinite(value) || Object.is(value, -0)))
      ? `\u0000${Object.is(value, -0) ? "-0" : String(value)}`
      : value;
  return JSON.stringify(props, (_name, value: unknown) => spelled(value));
}

export interface SynthesizedApp {
  /** The database stacks. */
  readonly environments: Record<EnvironmentName, Synthesized>;
  /** The key stacks, by environment. */
  readonly keys: Partial<Record<EnvironmentName, Synthesized>>;
  /** The disaster-recovery stacks, by environment. */
  readonly disasterRecovery: Partial<Record<EnvironmentName, Synthesized>>;
  /** The global secondaries' stacks, by environment. */
  readonly secondaries: Partial<Record<EnvironmentName, Synthesized>>;
}

const synthesizedApps = new Map<string, SynthesizedApp>();

/**
 * The app's stacks, built with the given environment variables. Results are shared between
 * test files of a worker (tests only read them), so each configuration is built once; each stack
 * is synthesized when a test first reads it, so a test of one stack pays for that one.
 */
export function synthApp(env: Environment = {}): SynthesizedApp {
  const key = JSON.stringify(env);
  let synthesized = SHARE_SYNTHESES ? synthesizedApps.get(key) : undefined;
  if (!synthesized) {
    const stacks = defineStacks(testApp(), env);
    synthesized = {
      environments: synthesizedOnRead(stacks.environments),
      keys: synthesizedOnRead(stacks.keys),
      disasterRecovery: synthesizedOnRead(stacks.disasterRecovery),
      secondaries: synthesizedOnRead(stacks.secondaries),
    };
    synthesizedApps.set(key, synthesized);
  }
  return synthesized;
}

/** The stacks of a record, each synthesized on its first read (enumerable, as plain values are). */
function synthesizedOnRead<K extends string>(record: Partial<Record<K, TerraformStack>>): Record<K, Synthesized> {
  const synthesized = {} as Record<K, Synthesized>;
  for (const [name, stack] of Object.entries<TerraformStack | undefined>(record)) {
    let result: Synthesized | undefined;
    Object.defineProperty(synthesized, name, { enumerable: true, get: () => (result ??= frozen(synthesize(stack!))) });
  }
  return synthesized;
}

/**
 * Every stack of the app by its stack name (key stacks as `<environment>-key`, disaster-recovery
 * stacks as `<environment>-dr`, global secondaries' as `<environment>-secondary`), synthesized when read.
 */
export function synthStacksByName(env: Environment = {}): Record<string, Synthesized> {
  const { environments, keys, disasterRecovery, secondaries } = synthApp(env);
  const byName: Record<string, Synthesized> = {};
  const sources: [Record<string, Synthesized>, (environment: string) => string][] = [
    [environments, (name) => name],
    [keys as Record<string, Synthesized>, keyStackName],
    [disasterRecovery as Record<string, Synthesized>, disasterRecoveryStackName],
    [secondaries as Record<string, Synthesized>, secondaryStackName],
  ];
  for (const [source, stackNameOf] of sources) {
    for (const name of Object.keys(source)) Object.defineProperty(byName, stackNameOf(name), { enumerable: true, get: () => source[name]! });
  }
  return byName;
}

/** The database stacks of the app, built with the given environment variables. */
export function synthEnvironments(env: Environment = {}): Record<EnvironmentName, Synthesized> {
  return synthApp(env).environments;
}

/** All blocks of one resource type, by Terraform name. */
export function resourcesOf(json: Block, type: string): Record<string, Block> {
  return (json.resource?.[type] ?? {}) as Record<string, Block>;
}

/** The single resource of a type, with its Terraform name; fails when there are 0 or several. */
export function onlyResource(json: Block, type: string): { name: string; body: Block } {
  const entries = Object.entries(resourcesOf(json, type));
  expect(entries, `exactly one ${type}`).toHaveLength(1);
  const [name, body] = entries[0]!;
  return { name, body };
}

/** The single resource of a type whose attribute has this value. */
export function resourceWhere(json: Block, type: string, attribute: string, value: unknown): { name: string; body: Block } {
  const entries = Object.entries(resourcesOf(json, type)).filter(([, body]) => body[attribute] === value);
  expect(entries, `exactly one ${type} with ${attribute} = ${JSON.stringify(value)}`).toHaveLength(1);
  const [name, body] = entries[0]!;
  return { name, body };
}

export function onlyDataSource(json: Block, type: string): { name: string; body: Block } {
  const entries = Object.entries((json.data?.[type] ?? {}) as Record<string, Block>);
  expect(entries, `exactly one data.${type}`).toHaveLength(1);
  const [name, body] = entries[0]!;
  return { name, body };
}

/** The interpolation Terraform JSON uses for an attribute of a resource. */
export function ref(type: string, name: string, attribute: string): string {
  return `\${${type}.${name}.${attribute}}`;
}

export function dataRef(type: string, name: string, attribute: string): string {
  return `\${data.${type}.${name}.${attribute}}`;
}

/**
 * The partition, region and account as the construct references them (from its data sources;
 * a stack may have lookups of its own beside them, such as the database stacks' for the
 * permissions boundary).
 */
export function accountRefs(json: Block, scope = "Database"): { partition: string; region: string; account: string } {
  const lookup = (type: string) => {
    const names = Object.keys(json.data?.[type] ?? {}).filter((name) => name.startsWith(`${scope}_`));
    expect(names, `exactly one data.${type} of ${scope}`).toHaveLength(1);
    return names[0]!;
  };
  return {
    partition: dataRef("aws_partition", lookup("aws_partition"), "partition"),
    region: dataRef("aws_region", lookup("aws_region"), "region"),
    account: dataRef("aws_caller_identity", lookup("aws_caller_identity"), "account_id"),
  };
}

/**
 * A JSON document argument (policy, trust policy, dashboard body) as data: `jsonencode` of an
 * object as the synthesized JSON holds it, read by the policy gate's reader; references read as
 * `"${…}"` strings. Fails when the argument holds no document.
 */
export function jsonDocument(value: unknown): unknown {
  const document = readJsonDocument(value);
  if (document === undefined) throw new Error(`not a JSON document: ${String(value).slice(0, 120)}`);
  return document;
}

/** The statements of a synthesized IAM policy or key policy (its `policy` attribute). */
export function policyStatements(block: Block): Block[] {
  const document = jsonDocument(block.policy) as Block;
  expect(document.Version).toBe("2012-10-17");
  return document.Statement as Block[];
}

/** Runs `create`, expects a ValidationError, and returns its problems. */
export function validationProblems(create: () => unknown): readonly ValidationProblem[] {
  try {
    create();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).problems;
  }
  expect.fail("expected a ValidationError, but construction succeeded");
}

/** The problems a database of MINIMAL_PROPS plus `props` is refused with (see databaseStack), each whole. */
export const databaseProblems = (props: Parameters<typeof databaseStack>[0]): readonly ValidationProblem[] => validationProblems(() => databaseStack(props));

/**
 * The stacks the app defines without a preview, in the order of the settings table
 * (stacks/environments.ts), as the deploy workflow runs them. Adding an environment is one row
 * there; tests follow.
 */
export function appStackNames(): string[] {
  return stacksOfTable().map((entry) => entry.stack);
}

/** The database stacks (one per environment), in the table's order. */
export function databaseStackNames(): EnvironmentName[] {
  return Object.keys(ENVIRONMENTS) as EnvironmentName[];
}

/**
 * A value made in a `beforeAll` hook of the enclosing describe block, not while tests are
 * collected: a synthesis that fails then reads as a failing test. Read it in tests as `value()`.
 */
export function inHook<T>(make: () => T): () => T {
  if (!SHARE_SYNTHESES) return make;
  let made: { value: T } | undefined;
  beforeAll(() => {
    made = { value: make() };
  });
  return () => {
    if (made === undefined) throw new Error("read before its beforeAll hook ran: read it inside a test or a later hook");
    return made.value;
  };
}

/** An environment's database stack, synthesized (once per run) in a hook: see `inHook`. */
export function environmentJson(name: EnvironmentName, env: Environment = {}): () => Block {
  return inHook(() => synthEnvironments(env)[name].json);
}
