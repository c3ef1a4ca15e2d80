/**
 * What the Data API refuses in a request before it reaches the database, as Serverless v2 does:
 * members outside their lengths (the API reference's constraints) and the `schema` parameter
 * with `ValidationException` (data-api.differences.html), an ARN that is not a cluster with the
 * Data API on with `HttpEndpointNotEnabledException`, a secret it cannot find with
 * `SecretsErrorException`.
 */
import { splitStatements } from "../private/sql-lexer.js";
import { DataApiFault, validationError } from "./errors.js";
import { checkParameters, type WireParameter } from "./parameters.js";
import { checkResultSetOptions, type ResultSetOptions } from "./results.js";

/** A request body, as JSON. */
export type RequestBody = Record<string, unknown>;

/** Length constraints of the members, from the API reference of ExecuteStatement and BatchExecuteStatement. */
const LENGTHS: Readonly<Record<string, readonly [number, number]>> = {
  resourceArn: [11, 100],
  secretArn: [11, 100],
  database: [0, 64],
  schema: [0, 64],
  sql: [0, 65_536],
  transactionId: [0, 192],
};

/** The member's value as a string, or the API's validation error for a missing or mistyped one. */
function stringMember(body: RequestBody, member: string, required: boolean): string | undefined {
  const value = body[member];
  if (value === undefined || value === null) {
    if (required) throw validationError(`1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
    return undefined;
  }
  if (typeof value !== "string") throw validationError(`1 validation error detected: Value at '${member}' must be a string`);
  const [min, max] = LENGTHS[member] ?? [0, Infinity];
  if (value.length < min) {
    throw validationError(
      `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must have length greater than or equal to ${min}`,
    );
  }
  if (value.length > max) {
    throw validationError(
      `1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${max}`,
    );
  }
  return value;
}

/** The cluster and secret the endpoint answers for. */
export interface LocalTarget {
  readonly clusterArn: string;
  readonly secretArn: string;
}

/** Checks the cluster and secret of any call. */
function checkTarget(body: RequestBody, target: LocalTarget): void {
  const resourceArn = stringMember(body, "resourceArn", true)!;
  const secretArn = stringMember(body, "secretArn", true)!;
  if (resourceArn !== target.clusterArn) {
    const cluster = /:cluster:(.+)$/.exec(resourceArn)?.[1] ?? resourceArn;
    throw new DataApiFault(
      "HttpEndpointNotEnabledException",
      `HttpEndpoint is not enabled for cluster ${cluster}. Please refer to https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/data-api.troubleshooting.html#data-api.troubleshooting.http-endpoint-not-enabled`,
    );
  }
  if (secretArn !== target.secretArn) throw new DataApiFault("SecretsErrorException", `The secret provided wasn't found: ${secretArn}`);
}

/** A statement call's members, checked. */
export interface StatementRequest {
  readonly sql: string;
  readonly database: string | undefined;
  readonly transactionId: string | undefined;
}

/** Checks what ExecuteStatement and BatchExecuteStatement share. */
function checkStatement(body: RequestBody, target: LocalTarget): StatementRequest {
  checkTarget(body, target);
  if (body.schema !== undefined) throw validationError("The schema parameter isn't supported.");
  const sql = stringMember(body, "sql", true)!;
  // Several statements in one call: refused before anything runs (data-api.differences.html).
  if (splitStatements(sql).length > 1) throw validationError("Multistatements aren't supported.");
  return { sql, database: stringMember(body, "database", false), transactionId: stringMember(body, "transactionId", false) };
}

/** ExecuteStatement's own members. */
export function checkExecute(body: RequestBody, target: LocalTarget): StatementRequest & { parameters: WireParameter[]; resultSetOptions: ResultSetOptions } {
  const statement = checkStatement(body, target);
  const parameters = (body.parameters as WireParameter[] | undefined) ?? [];
  checkParameters(parameters, "parameters");
  const formatRecordsAs = body.formatRecordsAs;
  if (formatRecordsAs !== undefined && formatRecordsAs !== "NONE" && formatRecordsAs !== "JSON") {
    throw validationError(
      `1 validation error detected: Value '${String(formatRecordsAs)}' at 'formatRecordsAs' failed to satisfy constraint: Member must satisfy enum value set: [NONE, JSON]`,
    );
  }
  const resultSetOptions = (body.resultSetOptions as ResultSetOptions | undefined) ?? {};
  checkResultSetOptions(resultSetOptions);
  return { ...statement, parameters, resultSetOptions };
}

/** BatchExecuteStatement's own members. */
export function checkBatch(body: RequestBody, target: LocalTarget): StatementRequest & { parameterSets: WireParameter[][] } {
  const statement = checkStatement(body, target);
  const parameterSets = (body.parameterSets as WireParameter[][] | undefined) ?? [[]];
  parameterSets.forEach((set, index) => checkParameters(set, `parameterSets.${index + 1}.member`));
  return { ...statement, parameterSets };
}

/** BeginTransaction's members. */
export function checkBegin(body: RequestBody, target: LocalTarget): { database: string | undefined } {
  checkTarget(body, target);
  if (body.schema !== undefined) throw validationError("The schema parameter isn't supported.");
  return { database: stringMember(body, "database", false) };
}

/** CommitTransaction's and RollbackTransaction's members. */
export function checkEnd(body: RequestBody, target: LocalTarget): { transactionId: string } {
  checkTarget(body, target);
  return { transactionId: stringMember(body, "transactionId", true)! };
}
