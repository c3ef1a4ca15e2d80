/**
 * The database a command talks to: from a stack's outputs (`--stack`), or from explicit flags,
 * the environment, `.env` and SSM (`resolveConfig`).
 */
import { resolve } from "node:path";
import type { DataApiClient } from "../client.js";
import { clusterArnProblem, endpointValueProblem, resolveConfig, secretArnProblem } from "../config.js";
import { ENDPOINT_KEY } from "../env-keys.js";
import { RETRY_DEFAULTS, type RetryEvent } from "../retry.js";
import type { OptionValues } from "./command.js";
import { EXIT } from "./exit-codes.js";
import { CliError, type CliIo } from "./io.js";
import { loadOutputs } from "./outputs.js";

/** The options every command that reaches the database takes. */
export const CONNECTION_OPTIONS = {
  stack: { type: "string" },
  "outputs-file": { type: "string" },
  "out-dir": { type: "string" },
  "env-file": { type: "string" },
  "cluster-arn": { type: "string" },
  "secret-arn": { type: "string" },
  database: { type: "string" },
  endpoint: { type: "string" },
  region: { type: "string" },
  timeout: { type: "string" },
} as const;

export const CONNECTION_HELP = `Where the database is (first found wins):
  --cluster-arn, --secret-arn, --database   explicit settings
  --stack <name>                           the stack's outputs: --outputs-file <file> (cdktf deploy
                                           --outputs-file, or terraform output -json), else
                                           terraform output -json in <out-dir>/stacks/<name>
  --out-dir <dir>                          the synthesized app (default cdktf.out)
  environment, then --env-file (default .env): AURORA_CLUSTER_ARN, AURORA_SECRET_ARN, DATABASE_NAME,
  then SSM parameters under AURORA_SSM_PARAMETER_PATH
  --endpoint <url>                         another Data API endpoint, such as aurora-db local
                                           (or ${ENDPOINT_KEY})
  --region <region>                        default: the cluster ARN's region
  --timeout <seconds>                      how long to wait for a paused cluster to resume (default ${RETRY_DEFAULTS.deadlineMs / 1000})`;

export type ConnectionValues = OptionValues<typeof CONNECTION_OPTIONS>;

/** --timeout as milliseconds (undefined: the retry policy's own deadline), or an error saying what it accepts. */
function timeoutMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new CliError(`--timeout must be a number of seconds above 0: received "${value}"`, EXIT.usage);
  return seconds * 1000;
}

/** The flags' values that are not valid, as a usage error naming the flag and its value. */
function checkFlags(values: ConnectionValues): void {
  const checks = [
    ["cluster-arn", clusterArnProblem],
    ["secret-arn", secretArnProblem],
    ["endpoint", endpointValueProblem],
  ] as const;
  for (const [flag, problem] of checks) {
    const value = values[flag];
    const found = value === undefined ? undefined : problem(value);
    if (found !== undefined) throw new CliError(`--${flag} is "${value}", which is ${found}`, EXIT.usage);
  }
}

/**
 * A client for the database the options name; it reports each wait for a resume on stderr. The
 * client (and with it the AWS SDK) is loaded here, so that a command's --help does not load it.
 */
export async function connect(values: ConnectionValues, io: CliIo): Promise<DataApiClient> {
  checkFlags(values);
  const deadlineMs = timeoutMs(values.timeout);
  const onRetry = (event: RetryEvent) => io.stderr(`${waitingLine(event)}\n`);
  const fromStack =
    values.stack === undefined ? {} : await loadOutputs({ stack: values.stack, outputsFile: values["outputs-file"], outDir: values["out-dir"] }, io);
  const config = await resolveConfig({
    explicit: {
      resourceArn: values["cluster-arn"] ?? fromStack.aurora_cluster_arn,
      secretArn: values["secret-arn"] ?? fromStack.aurora_secret_arn,
      database: values.database ?? fromStack.database_name,
      endpoint: values.endpoint,
      region: values.region,
    },
    env: io.env,
    envFile: resolve(io.cwd, values["env-file"] ?? ".env"),
  });
  const { DataApiClient } = await import("../client.js");
  try {
    return new DataApiClient({ ...config, retry: { ...(deadlineMs === undefined ? {} : { deadlineMs }), onRetry } });
  } catch (error) {
    throw new CliError(
      `${(error as Error).message} (settings from ${Object.entries(config.sources)
        .map(([key, source]) => `${key}: ${source}`)
        .join(", ")})`,
      EXIT.config,
    );
  }
}

/** A progress line while the cluster resumes: elapsed time and what it waits for. */
function waitingLine(event: RetryEvent): string {
  const what =
    event.reason === "DatabaseResumingException"
      ? "the cluster is resuming from auto-pause (DatabaseResumingException)"
      : `the Data API is throttling (${event.reason})`;
  return `waiting: ${what}; ${(event.elapsedMs / 1000).toFixed(1)} s elapsed, next try in ${(event.delayMs / 1000).toFixed(1)} s`;
}
