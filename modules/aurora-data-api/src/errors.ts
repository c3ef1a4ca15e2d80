/**
 * Failures of the Data API, each naming the cluster, the operation and the cause, and the
 * endpoint when it is not AWS's.
 */
import { describeEndpoint } from "./private/endpoint.js";

/** The Data API operations this package calls. */
export type DataApiOperation = "ExecuteStatement" | "BatchExecuteStatement" | "BeginTransaction" | "CommitTransaction" | "RollbackTransaction";

/** Why a Data API call failed, in the terms a caller acts on. */
export type DataApiFailureKind =
  /** The cluster was still resuming from auto-pause when the resume deadline passed. */
  | "resuming"
  /** Requests were throttled until the deadline passed. */
  | "throttled"
  /** The cluster's writer could not take the call (`DatabaseUnavailableException`): a failover or restart on AWS; a second connection PGlite does not have, locally. */
  | "unavailable"
  /** No connection to the endpoint was made (refused, unknown host): the request never arrived. */
  | "unreachable"
  /** The Data API (the cluster's HTTP endpoint) is not enabled on the cluster. */
  | "data-api-disabled"
  /** The caller's credentials may not call this operation on this cluster or secret. */
  | "access-denied"
  /** No such cluster or database. */
  | "not-found"
  /** The secret cannot be used: not found, not decryptable, timed out, or not database credentials (`SecretsErrorException`, `InvalidSecretException`). */
  | "secret-error"
  /**
   * The transaction is no longer open (`TransactionNotFoundException`): rolled back by the
   * database after a statement error in it, after 3 minutes without a call, or already ended.
   * Nothing of it was committed.
   */
  | "transaction-ended"
  /** The Data API refused the request itself (`ValidationException`): several statements in one call, a malformed ARN or parameter. Nothing ran. */
  | "invalid-request"
  /** The statement ran but the Data API cannot return its result (`UnsupportedResultException`): a type it does not map, a multidimensional array, too large. */
  | "unsupported-result"
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
  // Node's connection errors to a name with several addresses are an AggregateError without a message.
  return error instanceof Error ? error.message || connectionErrorCode(error) || "" : String(error);
}

/** Node's errors for a connection that was never made: the request did not reach the endpoint. */
const CONNECTION_ERRORS: ReadonlySet<string> = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/** `ECONNREFUSED` and the like, when the error (or the AggregateError of each address tried) is one. */
export function connectionErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === "string" && CONNECTION_ERRORS.has(code)) return code;
  const first = (error as { errors?: unknown[] } | undefined)?.errors?.[0];
  return first === undefined ? undefined : connectionErrorCode(first);
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
  if (connectionErrorCode(error) !== undefined) return "unreachable";
  if (name === "HttpEndpointNotEnabledException" || /HttpEndpoint is not enabled|Data API is not enabled/i.test(message)) return "data-api-disabled";
  if (name === "AccessDeniedException" || name === "ForbiddenException" || name === "UnrecognizedClientException") return "access-denied";
  if (name === "SecretsErrorException" || name === "InvalidSecretException") return "secret-error";
  // Serverless v1 answered an unknown transaction with a BadRequestException.
  if (name === "TransactionNotFoundException" || (name === "BadRequestException" && /transaction .*(is not|isn't) found/i.test(message)))
    return "transaction-ended";
  // PostgreSQL's refusals carry its SQLSTATE; invalid_catalog_name (3D000) is a missing database.
  if (/SQLState: 3D000/.test(message)) return "not-found";
  if (name === "DatabaseErrorException" || /SQLState: /.test(message)) return "database-error";
  if (name === "DatabaseUnavailableException") return "unavailable";
  if (name === "UnsupportedResultException") return "unsupported-result";
  if (name === "ValidationException") return "invalid-request";
  if (
    name === "NotFoundException" ||
    name === "DatabaseNotFoundException" ||
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
  /** The AWS error's name, such as `ValidationException`, or Node's code for a connection never made (`ECONNREFUSED`). */
  readonly code: string;
  /** The endpoint the call went to, when it was not AWS's default one (a local Data API, say). */
  readonly endpoint?: string;

  constructor(props: { clusterArn: string; operation: DataApiOperation; cause: unknown; detail?: string; endpoint?: string }) {
    const code = connectionErrorCode(props.cause) ?? errorName(props.cause);
    const detail = props.detail === undefined ? "" : ` (${props.detail})`;
    const where = describeEndpoint(props.endpoint);
    super(`${props.operation} on ${props.clusterArn}${where === undefined ? "" : ` on ${where}`} failed${detail}: ${code}: ${errorMessage(props.cause)}`, {
      cause: props.cause,
    });
    this.clusterArn = props.clusterArn;
    this.endpoint = props.endpoint;
    this.operation = props.operation;
    this.kind = failureKind(props.cause);
    this.code = code;
  }
}
