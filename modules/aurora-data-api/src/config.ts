/**
 * Where the client's settings come from, in order: explicit options, the environment, a `.env`
 * file (the keys `aurora-db env` writes), then the database's SSM parameters when a parameter
 * path is known (`AURORA_SSM_PARAMETER_PATH`).
 */
import { existsSync, readFileSync } from "node:fs";
import { parseEnv } from "node:util";
import type { DataApiConfig } from "./client.js";
import { ENDPOINT_KEY } from "./env-keys.js";
import { isLoopback } from "./private/endpoint.js";

/** A setting the client needs, where the environment, `.env` and SSM hold it. */
const SETTINGS = [
  { option: "resourceArn", key: "AURORA_CLUSTER_ARN", parameter: "cluster-arn" },
  { option: "secretArn", key: "AURORA_SECRET_ARN", parameter: "secret-arn" },
  { option: "database", key: "DATABASE_NAME", parameter: "database-name" },
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

async function readParameters(path: string, names: readonly string[], reader: ParameterReader | undefined, region: string | undefined): Promise<Record<string, string>> {
  let ssm = reader;
  let command: object;
  const full = names.map((name) => `${path.replace(/\/$/, "")}/${name}`);
  try {
    const sdk = await import("@aws-sdk/client-ssm");
    ssm ??= new sdk.SSMClient(region === undefined ? {} : { region });
    command = new sdk.GetParametersCommand({ Names: full });
  } catch (error) {
    throw new ConfigError(`reading settings from SSM under ${path} needs @aws-sdk/client-ssm: install it, or give the settings another way (${(error as Error).message})`);
  }
  const answer = await ssm.send(command);
  const values: Record<string, string> = {};
  for (const parameter of answer.Parameters ?? []) {
    const leaf = parameter.Name?.slice(path.replace(/\/$/, "").length + 1);
    if (leaf !== undefined && parameter.Value !== undefined) values[leaf] = parameter.Value;
  }
  return values;
}

/** Finds the cluster ARN, secret ARN and database name; throws a `ConfigError` naming what is missing. */
export async function resolveConfig(options: ResolveConfigOptions = {}): Promise<ResolvedConfig> {
  const env = options.env ?? process.env;
  const file = options.envFile === false ? {} : readEnvFile(options.envFile ?? ".env");
  const explicit = options.explicit ?? {};
  const found: Partial<Record<Setting, string>> = {};
  const sources: Partial<Record<Setting, ConfigSource>> = {};
  for (const { option, key } of SETTINGS) {
    const [value, source] =
      explicit[option] !== undefined ? [explicit[option], "option" as const] : env[key] ? [env[key], "environment" as const] : file[key] ? [file[key], ".env" as const] : [undefined, undefined];
    if (value !== undefined && source !== undefined) {
      found[option] = value;
      sources[option] = source;
    }
  }
  const lookup = (key: string) => env[key] || file[key] || undefined;
  const missing = SETTINGS.filter(({ option }) => found[option] === undefined);
  const parameterPath = lookup("AURORA_SSM_PARAMETER_PATH");
  if (missing.length > 0 && parameterPath !== undefined) {
    const values = await readParameters(parameterPath, missing.map((setting) => setting.parameter), options.ssm, explicit.region ?? lookup("AWS_REGION"));
    for (const { option, parameter } of missing) {
      if (values[parameter] !== undefined) {
        found[option] = values[parameter];
        sources[option] = "ssm";
      }
    }
  }
  const stillMissing = SETTINGS.filter(({ option }) => found[option] === undefined);
  if (stillMissing.length > 0) {
    const where = `explicit options, the environment, ${options.envFile === false ? "no .env file" : `${options.envFile ?? ".env"}`}${parameterPath === undefined ? "" : `, SSM parameters under ${parameterPath}`}`;
    throw new ConfigError(
      `missing ${stillMissing.map(({ key }) => key).join(", ")}: looked in ${where}. Run "aurora-db env --stack <stack>" to write them to .env, or set AURORA_SSM_PARAMETER_PATH to the stack's ssm_parameter_path output`,
    );
  }
  // An endpoint read from the environment or .env may only point at this machine (aurora-db
  // local): requests are signed with the caller's credentials, which no other host may receive.
  const environmentEndpoint = lookup(ENDPOINT_KEY);
  if (explicit.endpoint === undefined && environmentEndpoint !== undefined && !isLoopback(environmentEndpoint)) {
    throw new ConfigError(
      `${ENDPOINT_KEY} is "${environmentEndpoint}", which is not this machine: only a local Data API (http://127.0.0.1:<port>) is taken from the environment or .env; give another endpoint explicitly`,
    );
  }
  return {
    resourceArn: found.resourceArn!,
    secretArn: found.secretArn!,
    database: found.database!,
    endpoint: explicit.endpoint ?? environmentEndpoint,
    region: explicit.region,
    sources: sources as Record<Setting, ConfigSource>,
  };
}
