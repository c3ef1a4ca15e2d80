/**
 * What a command reads and writes, passed in so that tests run commands in-process; and how a
 * failure becomes a message with advice and an exit code.
 */
import { ConfigError } from "../config.js";
import { ENDPOINT_KEY } from "../env-keys.js";
import { DataApiError } from "../errors.js";
import { MigrationError } from "../migrations.js";
import { isLoopback, portOf } from "../private/endpoint.js";
import { EXIT, type ExitCode } from "./exit-codes.js";

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The folder relative paths are read from. */
  readonly cwd: string;
  /** Stops a long-running command (`local`). */
  readonly signal?: AbortSignal;
}

/** A failure a command reports with its message and exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
  }
}

/**
 * For each kind of Data API failure: the exit code, what to do about it on AWS, and on a local
 * Data API (aurora-db local), where the fix is in its settings, never in a stack.
 */
const KIND_OUTCOMES: Readonly<Record<DataApiError["kind"], { exitCode: ExitCode; advice: string; local?: string | ((endpoint: string) => string) }>> = {
  "data-api-disabled": {
    exitCode: EXIT.dataApiDisabled,
    advice: "the cluster's Data API is off: deploy the stack with dataApi enabled (enable_http_endpoint = true)",
    local: "the local Data API answers this for any cluster but its own: set AURORA_CLUSTER_ARN (or --cluster-arn) to the cluster ARN aurora-db local printed",
  },
  "access-denied": {
    exitCode: EXIT.accessDenied,
    advice:
      "these credentials may not use the Data API on this cluster: use the stack's Lambda role (lambda_role_arn) or a role with the same rds-data and secretsmanager:GetSecretValue grants",
  },
  "not-found": {
    exitCode: EXIT.notFound,
    advice: "check AURORA_CLUSTER_ARN, AURORA_SECRET_ARN and DATABASE_NAME against the stack's outputs (aurora-db env --stack <stack> rewrites them)",
    local:
      "check AURORA_CLUSTER_ARN, AURORA_SECRET_ARN and DATABASE_NAME against the settings aurora-db local printed (it serves the one database of its --database)",
  },
  "secret-error": {
    exitCode: EXIT.notFound,
    advice:
      "the secret AURORA_SECRET_ARN names was not found or could not be read: check it against the stack's aurora_secret_arn output (aurora-db env --stack <stack> rewrites it), and that these credentials may call secretsmanager:GetSecretValue on it and decrypt it with its KMS key",
    local: "the local Data API knows only its own secret: set AURORA_SECRET_ARN (or --secret-arn) to the secret ARN aurora-db local printed",
  },
  resuming: { exitCode: EXIT.timeout, advice: "the cluster did not finish resuming in time: try again, or raise --timeout" },
  throttled: { exitCode: EXIT.timeout, advice: "the Data API kept throttling: try again later" },
  unavailable: {
    exitCode: EXIT.timeout,
    advice: "the cluster's writer instance is not available (a failover, a restart or a scaling event): try again in a minute",
    local:
      "the local Data API had no connection for this call (its message says why): end the open transaction, or start aurora-db local --database-url postgres://… for a connection per transaction",
  },
  unreachable: {
    exitCode: EXIT.failure,
    advice: "the Data API endpoint could not be reached: check the network, a proxy, and the region (or --endpoint)",
    local: (endpoint) =>
      `nothing answers at ${endpoint}: is aurora-db local running on port ${portOf(endpoint)}? Start it (npx aurora-db local --port ${portOf(endpoint)}), or set ${ENDPOINT_KEY} (or --endpoint) to the endpoint it printed`,
  },
  "transaction-ended": {
    exitCode: EXIT.failure,
    advice:
      "the transaction had ended before this call (an earlier statement failed, or 3 minutes passed without a call): nothing of it was committed; run it again",
  },
  "invalid-request": {
    exitCode: EXIT.failure,
    advice: "the Data API refused the request itself, and ran nothing: it takes one SQL statement per call, and ARNs as the stack outputs them",
  },
  "unsupported-result": {
    exitCode: EXIT.failure,
    advice:
      "the statement ran, but the Data API cannot return its result (a type it does not map, a multidimensional array, or too large): cast such columns to text in the SELECT",
  },
  "database-error": { exitCode: EXIT.databaseError, advice: "PostgreSQL refused the statement" },
  other: { exitCode: EXIT.failure, advice: "" },
};

const MIGRATION_CODES: Readonly<Record<MigrationError["reason"], ExitCode>> = {
  edited: EXIT.migrationEdited,
  invalid: EXIT.usage,
  failed: EXIT.databaseError,
};

/** What to do about a Data API failure: the local Data API's own advice when the call went there. */
function adviceFor(error: DataApiError): string {
  const outcome = KIND_OUTCOMES[error.kind];
  const local = error.endpoint !== undefined && isLoopback(error.endpoint) ? outcome.local : undefined;
  if (local === undefined) return outcome.advice;
  return typeof local === "string" ? local : local(error.endpoint!);
}

/** The message and exit code for any error a command throws. */
export function describeFailure(error: unknown): { message: string; exitCode: ExitCode } {
  if (error instanceof CliError) return { message: error.message, exitCode: error.exitCode };
  if (error instanceof ConfigError) return { message: error.message, exitCode: EXIT.config };
  if (error instanceof MigrationError) return { message: error.message, exitCode: MIGRATION_CODES[error.reason] };
  if (error instanceof DataApiError) {
    const advice = adviceFor(error);
    return { message: advice ? `${error.message}\n${advice}` : error.message, exitCode: KIND_OUTCOMES[error.kind].exitCode };
  }
  return { message: error instanceof Error ? error.message : String(error), exitCode: EXIT.failure };
}
