/**
 * What a command reads and writes, passed in so that tests run commands in-process.
 */
import { DataApiError } from "../errors.js";
import { ConfigError } from "../config.js";
import { MigrationError } from "../migrations.js";
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

/** For each kind of Data API failure: the exit code, and what to do about it. */
const KIND_OUTCOMES: Readonly<Record<DataApiError["kind"], { exitCode: ExitCode; advice: string }>> = {
  "data-api-disabled": { exitCode: EXIT.dataApiDisabled, advice: "the cluster's Data API is off: deploy the stack with dataApi enabled (enable_http_endpoint = true)" },
  "access-denied": {
    exitCode: EXIT.accessDenied,
    advice: "these credentials may not use the Data API on this cluster: use the stack's Lambda role (lambda_role_arn) or a role with the same rds-data and secretsmanager:GetSecretValue grants",
  },
  "not-found": { exitCode: EXIT.notFound, advice: "check AURORA_CLUSTER_ARN, AURORA_SECRET_ARN and DATABASE_NAME against the stack's outputs (aurora-db env --stack <stack> rewrites them)" },
  resuming: { exitCode: EXIT.timeout, advice: "the cluster did not finish resuming in time: try again, or raise --timeout" },
  throttled: { exitCode: EXIT.timeout, advice: "the Data API kept throttling: try again later" },
  "database-error": { exitCode: EXIT.databaseError, advice: "PostgreSQL refused the statement" },
  other: { exitCode: EXIT.failure, advice: "" },
};

const MIGRATION_CODES: Readonly<Record<MigrationError["reason"], ExitCode>> = {
  edited: EXIT.migrationEdited,
  invalid: EXIT.usage,
  failed: EXIT.databaseError,
};

/** The message and exit code for any error a command throws. */
export function describeFailure(error: unknown): { message: string; exitCode: ExitCode } {
  if (error instanceof CliError) return { message: error.message, exitCode: error.exitCode };
  if (error instanceof ConfigError) return { message: error.message, exitCode: EXIT.config };
  if (error instanceof MigrationError) return { message: error.message, exitCode: MIGRATION_CODES[error.reason] };
  if (error instanceof DataApiError) {
    const { exitCode, advice } = KIND_OUTCOMES[error.kind];
    return { message: advice ? `${error.message}\n${advice}` : error.message, exitCode };
  }
  return { message: error instanceof Error ? error.message : String(error), exitCode: EXIT.failure };
}
