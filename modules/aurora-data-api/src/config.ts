/**
 * Where the client's settings come from, in order: explicit options, the environment, a `.env`
 * file (the keys `aurora-db env` writes), then the database's SSM parameters when a parameter
 * path is known (`AURORA_SSM_PARAMETER_PATH`).
 */
import { existsSync, readFileSync } from "node:fs";
import { parseEnv } from "node:util";
import type { DataApiConfig } from "./client.js";
import { ENDPOINT_KEY } from "./env-keys.js";
import { CLUSTER_ARN } from "./private/arn.js";
import { endpointProblem, isLoopback } from "./private/endpoint.js";

/** A Secrets Manager secret ARN (any partition), whole or partial (without the random suffix). */
const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+$/;

/** Why a cluster ARN is not one, or undefined. */
export function clusterArnProblem(value: string): string | undefined {
  return CLUSTER_ARN.test(value) ? undefined : "not an Aurora cluster ARN: expected arn:<partition>:rds:<region>:<account>:cluster:<name>";
}

/** Why a secret ARN is not one, or undefined. */
export function secretArnProblem(value: string): string | undefined {
  return SECRET_ARN.test(value) ? undefined : "not a Secrets Manager secret ARN: expected arn:<partition>:secretsmanager:<region>:<account>:secret:<name>";
}

/** Why an endpoint is not a Data API endpoint URL, or undefined. */
export function endpointValueProblem(value: string): string | undefined {
  const problem = endpointProblem(value);
  return problem === undefined ? undefined : `${problem}: expected such as http://127.0.0.1:8432`;
}

/** Why a parameter path is not one, or undefined. */
function parameterPathProblem(value: string): string | undefined {
  return value.startsWith("/") ? undefined : "not a parameter path: expected one that starts with /, such as /alex/dev (the stack's ssm_parameter_path output)";
}

/** A setting the client needs, where the environment, `.env` and SSM hold it, and what a valid value is. */
const SETTINGS = [
  { option: "resourceArn", key: "AURORA_CLUSTER_ARN", parameter: "cluster-arn", problem: clusterArnProblem },
  { option: "secretArn", key: "AURORA_SECRET_ARN", parameter: "secret-arn", problem: secretArnProblem },
  { option: "database", key: "DATABASE_NAME", parameter: "database-name", problem: (): string | undefined => undefined },
] as const;

type Setting = (typeof SETTINGS)[number]["option"];

/** Where each setting was found. */
export type ConfigSource = "option" | "environment" | ".env" | "ssm";

/** Thrown when a setting is found nowhere; the message says where it was looked for. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** The part of an SSM client this package calls (an `SSMClient` fits). */
export interface ParameterReader {
  send(command: object): Promise<{ Parameters?: { Name?: string; Value?: string }[]; InvalidParameters?: string[] }>;
}

export interface ResolveConfigOptions {
  /** Settings given explicitly (flags, code); they win. */
  readonly explicit?: Partial<DataApiConfig>;
  /**
   * The environment.
   * @default process.env
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * A `.env` file to read; `false` reads none. A missing file is not an error.
   * @default ".env" in the current directory
   */
  readonly envFile?: string | false;
  /**
   * The SSM client for the parameter path.
   * @default an `SSMClient` from `@aws-sdk/client-ssm`, loaded only when needed
   */
  readonly ssm?: ParameterReader;
}

export interface ResolvedConfig extends DataApiConfig {
  readonly sources: Readonly<Record<Setting, ConfigSource>>;
}

/** The keys of a `.env` file, or none when it does not exist. */
export function readEnvFile(path: string): Record<string, string> {
  if (!existsSync(path)) return {};
  return parseEnv(readFileSync(path, "utf8")) as Record<string, string>;
}

async function readParameters(
  path: string,
  names: readonly string[],
  reader: ParameterReader | undefined,
  region: string | undefined,
): Promise<Record<string, string>> {
  let ssm = reader;
  let command: object;
  const full = names.map((name) => `${path.replace(/\/$/, "")}/${name}`);
  try {
    const sdk = await import("@aws-sdk/client-ssm");
    ssm ??= new sdk.SSMClient(region === undefined ? {} : { region });
    command = new sdk.GetParametersCommand({ Names: full });
  } catch (error) {
    throw new ConfigError(
      `reading settings from SSM under ${path} needs @aws-sdk/client-ssm: install it, or give the settings another way (${(error as Error).message})`,
    );
  }
  const answer = await ssm.send(command);
  const values: Record<string, string> = {};
  for (const parameter of answer.Parameters ?? []) {
    const leaf = parameter.Name?.slice(path.replace(/\/$/, "").length + 1);
    if (leaf !== undefined && parameter.Value !== undefined) values[leaf] = parameter.Value;
  }
  return values;
}

/** Throws a ConfigError naming the variable, where it was read, and its value, when the value is not valid. */
function check(value: string, problem: string | undefined, where: string): string {
  if (problem !== undefined) throw new ConfigError(`${where} is "${value}", which is ${problem}`);
  return value;
}

/**
 * Finds the cluster ARN, secret ARN and database name; throws a `ConfigError` naming what is
 * missing, or the variable whose value is not valid (every value read from the environment,
 * `.env` or SSM is checked; explicit options are the caller's).
 */
export async function resolveConfig(options: ResolveConfigOptions = {}): Promise<ResolvedConfig> {
  const env = options.env ?? process.env;
  const envFile = options.envFile === false ? undefined : (options.envFile ?? ".env");
  const file = envFile === undefined ? {} : readEnvFile(envFile);
  const explicit = options.explicit ?? {};
  /** A variable's value and where it was read, from the environment first, then .env. */
  const lookup = (key: string): { value: string; where: string } | undefined => {
    if (env[key]) return { value: env[key], where: `${key} (from the environment)` };
    if (file[key]) return { value: file[key], where: `${key} in ${envFile}` };
    return undefined;
  };
  const found: Partial<Record<Setting, string>> = {};
  const sources: Partial<Record<Setting, ConfigSource>> = {};
  for (const { option, key, problem } of SETTINGS) {
    if (explicit[option] !== undefined) {
      found[option] = explicit[option];
      sources[option] = "option";
      continue;
    }
    const variable = lookup(key);
    if (variable === undefined) continue;
    found[option] = check(variable.value, problem(variable.value), variable.where);
    sources[option] = env[key] ? "environment" : ".env";
  }
  const missing = SETTINGS.filter(({ option }) => found[option] === undefined);
  const pathVariable = lookup("AURORA_SSM_PARAMETER_PATH");
  const parameterPath = pathVariable?.value;
  if (missing.length > 0 && pathVariable !== undefined) {
    const path = check(pathVariable.value, parameterPathProblem(pathVariable.value), pathVariable.where);
    const values = await readParameters(
      path,
      missing.map((setting) => setting.parameter),
      options.ssm,
      explicit.region ?? lookup("AWS_REGION")?.value,
    );
    for (const { option, parameter, problem } of missing) {
      const value = values[parameter];
      if (value === undefined) continue;
      found[option] = check(value, problem(value), `SSM parameter ${path.replace(/\/$/, "")}/${parameter}`);
      sources[option] = "ssm";
    }
  }
  const stillMissing = SETTINGS.filter(({ option }) => found[option] === undefined);
  if (stillMissing.length > 0) {
    const where = `explicit options, the environment, ${envFile ?? "no .env file"}${parameterPath === undefined ? "" : `, SSM parameters under ${parameterPath}`}`;
    throw new ConfigError(
      `missing ${stillMissing.map(({ key }) => key).join(", ")}: looked in ${where}. Run "aurora-db env --stack <stack>" to write them to .env, or set AURORA_SSM_PARAMETER_PATH to the stack's ssm_parameter_path output`,
    );
  }
  // An endpoint read from the environment or .env may only point at this machine (aurora-db
  // local): requests are signed with the caller's credentials, which no other host may receive.
  const endpointVariable = explicit.endpoint === undefined ? lookup(ENDPOINT_KEY) : undefined;
  if (endpointVariable !== undefined) {
    const { value, where } = endpointVariable;
    check(value, endpointValueProblem(value), where);
    if (!isLoopback(value)) {
      throw new ConfigError(
        `${where} is "${value}", which is not this machine: only a local Data API (http://127.0.0.1:<port>) is taken from the environment or .env; give another endpoint explicitly`,
      );
    }
  }
  return {
    resourceArn: found.resourceArn!,
    secretArn: found.secretArn!,
    database: found.database!,
    endpoint: explicit.endpoint ?? endpointVariable?.value,
    region: explicit.region,
    sources: sources as Record<Setting, ConfigSource>,
  };
}
