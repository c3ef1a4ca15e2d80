/**
 * Failures of the Data API, each naming the cluster, the operation and the cause.
 */

/** The Data API operations this package calls. */
export type DataApiOperation =
  | "ExecuteStatement"
  | "BatchExecuteStatement"
  | "BeginTransaction"
  | "CommitTransaction"
  | "RollbackTransaction";

/** Why a Data API call failed, in the terms a caller acts on. */
export type DataApiFailureKind =
  /** The cluster was still resuming from auto-pause when the resume deadline passed. */
  | "resuming"
  /** The Data API (the cluster's HTTP endpoint) is not enabled on the cluster. */
  | "data-api-disabled"
  /** The caller's credentials may not call this operation on this cluster or secret. */
  | "access-denied"
  /** No such cluster, secret, database or transaction. */
  | "not-found"
  /** Requests were throttled until the deadline passed. */
  | "throttled"
  /** PostgreSQL refused the statement (syntax, constraint, permission inside the database). */
  | "database-error"
  /** Anything else, including failures whose statement may have executed. */
  | "other";

/** The AWS error name (or `Error` for anything that has none). */
export function errorName(error: unknown): string {
  if (error instanceof Error) return error.name;
  return typeof error === "object" && error !== null && "name" in error ? String(error.name) : "Error";
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The AWS SDK's names for throttling, as its retry strategy (`@smithy/core` retry) lists them. */
const THROTTLING_ERRORS: ReadonlySet<string> = new Set([
  "BandwidthLimitExceeded",
  "EC2ThrottledException",
  "LimitExceededException",
  "PriorRequestNotComplete",
  "ProvisionedThroughputExceededException",
  "RequestLimitExceeded",
  "RequestThrottled",
  "RequestThrottledException",
  "SlowDown",
  "ThrottledException",
  "Throttling",
  "ThrottlingException",
  "TooManyRequestsException",
  "TransactionInProgressException",
]);

/** Whether an error is throttling: the request was refused before it ran, so it may be sent again. */
export function isThrottling(error: unknown): boolean {
  const marks = error as { $metadata?: { httpStatusCode?: number }; $retryable?: { throttling?: boolean } } | undefined;
  return THROTTLING_ERRORS.has(errorName(error)) || marks?.$metadata?.httpStatusCode === 429 || marks?.$retryable?.throttling === true;
}

/** Whether the cluster is resuming from auto-pause: the statement did not run. */
export function isResuming(error: unknown): boolean {
  return errorName(error) === "DatabaseResumingException";
}

/** Classifies an AWS error into what a caller acts on. */
export function failureKind(error: unknown): DataApiFailureKind {
  const name = errorName(error);
  const message = errorMessage(error);
  if (isResuming(error)) return "resuming";
  if (isThrottling(error)) return "throttled";
  if (name === "HttpEndpointNotEnabledException" || /HttpEndpoint is not enabled|Data API is not enabled/i.test(message)) return "data-api-disabled";
  if (name === "AccessDeniedException" || name === "ForbiddenException" || name === "UnrecognizedClientException") return "access-denied";
  // PostgreSQL's refusals carry its SQLSTATE; invalid_catalog_name (3D000) is a missing database.
  if (/SQLState: 3D000/.test(message)) return "not-found";
  if (name === "DatabaseErrorException" || /SQLState: /.test(message)) return "database-error";
  if (
    name === "NotFoundException" ||
    name === "DatabaseNotFoundException" ||
    name === "TransactionNotFoundException" ||
    (name === "BadRequestException" && /not found|does not exist|invalid .*arn/i.test(message))
  ) {
    return "not-found";
  }
  return "other";
}

/** A failed Data API call: which cluster, which operation, and why. */
export class DataApiError extends Error {
  override readonly name = "DataApiError";
  /** The cluster's ARN. */
  readonly clusterArn: string;
  readonly operation: DataApiOperation;
  readonly kind: DataApiFailureKind;
  /** The AWS error's name, such as `BadRequestException`. */
  readonly code: string;

  constructor(props: { clusterArn: string; operation: DataApiOperation; cause: unknown; detail?: string }) {
    const code = errorName(props.cause);
    const detail = props.detail === undefined ? "" : ` (${props.detail})`;
    super(`${props.operation} on ${props.clusterArn} failed${detail}: ${code}: ${errorMessage(props.cause)}`, { cause: props.cause });
    this.clusterArn = props.clusterArn;
    this.operation = props.operation;
    this.kind = failureKind(props.cause);
    this.code = code;
  }
}
