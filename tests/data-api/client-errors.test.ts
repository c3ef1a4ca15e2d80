/**
 * The client's failure paths, with the SDK client mocked: those a local endpoint cannot
 * produce (a resuming cluster, throttling, access denied), each error the Data API answers and
 * how it is classified, transactions whose calls are sent one at a time and whose rollback or
 * commit finds them ended, and messages that name an endpoint that is not AWS's.
 */
import {
  BeginTransactionCommand,
  CommitTransactionCommand,
  ExecuteStatementCommand,
  RDSDataClient,
  RollbackTransactionCommand,
} from "@aws-sdk/client-rds-data";
import { DataApiClient, DataApiError } from "aurora-data-api-toolkit";
import { describe, expect, it } from "vitest";
import { awsError, mockedDataApi } from "./support";

const CLUSTER = "arn:aws:rds:eu-west-1:123456789012:cluster:orders-dev-aurora-cluster";
const SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders-dev-aurora-credentials-AbCdEf";
const rds = mockedDataApi();

/** A client whose waits take no time. */
function client(deadlineMs = 60_000, endpoint?: string) {
  let now = 0;
  const clock = { now: () => now, sleep: async (ms: number) => void (now += ms) };
  return new DataApiClient({
    resourceArn: CLUSTER,
    secretArn: SECRET,
    database: "orders",
    endpoint,
    client: new RDSDataClient({ region: "eu-west-1" }),
    retry: { deadlineMs, clock },
  });
}

/** A promise and the functions that settle it, for a call the test answers when it chooses. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((done, fail) => ((resolve = done), (reject = fail)));
  return { promise, resolve, reject };
}

/** Lets every promise already settled run its callbacks (the mock answers on the microtask queue). */
const settle = () => new Promise<void>((done) => setImmediate(done));

/** An error as Node throws it for a connection that was never made. */
function connectionError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, errno: -111, syscall: "connect" });
}

describe("DataApiClient against a mocked Data API", () => {
  it("sends named, typed parameters with result metadata, and returns rows as objects", async () => {
    rds.on(ExecuteStatementCommand).resolves({
      records: [[{ longValue: 7 }, { stringValue: "seven" }]],
      columnMetadata: [
        { name: "id", label: "id" },
        { name: "name", label: "name" },
      ],
      numberOfRecordsUpdated: 0,
    });
    const result = await client().query("SELECT id, name FROM t WHERE id = :id", { id: 7 });
    expect(result).toEqual({ rows: [{ id: 7, name: "seven" }], numberOfRecordsUpdated: 0, resumeMs: 0 });
    expect(rds.commandCalls(ExecuteStatementCommand)[0]!.args[0].input).toEqual({
      resourceArn: CLUSTER,
      secretArn: SECRET,
      database: "orders",
      sql: "SELECT id, name FROM t WHERE id = :id",
      parameters: [{ name: "id", value: { longValue: 7 } }],
      includeResultMetadata: true,
      transactionId: undefined,
    });
  });

  it("waits for a resuming cluster and reports how long the resume took", async () => {
    rds
      .on(ExecuteStatementCommand)
      .rejectsOnce(awsError("DatabaseResumingException"))
      .rejectsOnce(awsError("DatabaseResumingException"))
      .resolves({ records: [], columnMetadata: [] });
    const result = await client().query("SELECT 1");
    expect(result.resumeMs).toBe(750);
    expect(rds.commandCalls(ExecuteStatementCommand)).toHaveLength(3);
  });

  it("names the cluster, the operation and the cause when the resume outlasts the deadline", async () => {
    rds.on(ExecuteStatementCommand).rejects(awsError("DatabaseResumingException", "The database is resuming"));
    const failure = await client(2_000)
      .query("SELECT 1")
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DataApiError);
    expect(failure).toMatchObject({ kind: "resuming", operation: "ExecuteStatement", clusterArn: CLUSTER, code: "DatabaseResumingException" });
    expect((failure as Error).message).toBe(
      `ExecuteStatement on ${CLUSTER} failed (gave up after 2 s of retries): DatabaseResumingException: The database is resuming`,
    );
  });

  it.each([
    ["AccessDeniedException", "User is not authorized to perform rds-data:ExecuteStatement", "access-denied"],
    ["ForbiddenException", "Forbidden", "access-denied"],
    ["HttpEndpointNotEnabledException", "HttpEndpoint is not enabled for resource", "data-api-disabled"],
    ["BadRequestException", "HttpEndpoint is not enabled for cluster orders-dev-aurora-cluster", "data-api-disabled"],
    ["NotFoundException", "DB cluster not found", "not-found"],
    ["DatabaseErrorException", 'ERROR: relation "t" does not exist; SQLState: 42P01', "database-error"],
    ["BadRequestException", 'ERROR: relation "t" does not exist; SQLState: 42P01', "database-error"],
    ["DatabaseErrorException", 'FATAL: database "orders" does not exist; SQLState: 3D000', "not-found"],
    ["DatabaseErrorException", "Transaction is still running a query", "database-error"],
    ["SecretsErrorException", "The secret provided wasn't found: arn:aws:secretsmanager:eu-west-1:123456789012:secret:gone", "secret-error"],
    ["InvalidSecretException", "The secret doesn't have a username and password", "secret-error"],
    ["TransactionNotFoundException", "Transaction tx-1 isn't found. Transaction may be expired.", "transaction-ended"],
    ["BadRequestException", "Transaction tx-1 is not found", "transaction-ended"],
    ["ValidationException", "Multistatements aren't supported.", "invalid-request"],
    ["UnsupportedResultException", "The result contains the unsupported data type tsvector.", "unsupported-result"],
    ["DatabaseUnavailableException", "the local Data API's embedded PGlite has one connection", "unavailable"],
    ["StatementTimeoutException", "Request timed out", "other"],
  ])("classifies %s (%s) as %s, without retrying", async (name, message, kind) => {
    rds.on(ExecuteStatementCommand).rejects(awsError(name, message));
    await expect(client().query("SELECT 1")).rejects.toMatchObject({ kind, code: name, message: `ExecuteStatement on ${CLUSTER} failed: ${name}: ${message}` });
    expect(rds.commandCalls(ExecuteStatementCommand)).toHaveLength(1);
  });

  it("retries throttling and then succeeds", async () => {
    rds
      .on(ExecuteStatementCommand)
      .rejectsOnce(awsError("ThrottlingException"))
      .resolves({ records: [[{ longValue: 1 }]], columnMetadata: [{ label: "one" }] });
    expect((await client().query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    expect(rds.commandCalls(ExecuteStatementCommand)).toHaveLength(2);
  });

  it("rolls a transaction back when its work throws, and rethrows the work's error", async () => {
    rds.on(BeginTransactionCommand).resolves({ transactionId: "tx-1" });
    rds.on(ExecuteStatementCommand).resolves({});
    rds.on(RollbackTransactionCommand).resolves({});
    const boom = new Error("boom");
    await expect(
      client().transaction(async (transaction) => {
        await transaction.query("INSERT INTO t VALUES (1)");
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(rds.commandCalls(ExecuteStatementCommand)[0]!.args[0].input.transactionId).toBe("tx-1");
    expect(rds.commandCalls(RollbackTransactionCommand)[0]!.args[0].input).toEqual({ resourceArn: CLUSTER, secretArn: SECRET, transactionId: "tx-1" });
    expect(rds.commandCalls(CommitTransactionCommand)).toHaveLength(0);
  });

  it("reports both errors when the rollback fails too, and never rolls back after a failed commit", async () => {
    rds.on(BeginTransactionCommand).resolves({ transactionId: "tx-2" });
    rds.on(RollbackTransactionCommand).rejects(awsError("InternalServerErrorException"));
    const failure = await client()
      .transaction(async () => {
        throw new Error("work failed");
      })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AggregateError);
    expect((failure as AggregateError).errors.map((error: Error) => error.message)).toEqual([
      "work failed",
      `RollbackTransaction on ${CLUSTER} failed: InternalServerErrorException: InternalServerErrorException message`,
    ]);

    rds.reset();
    rds.on(BeginTransactionCommand).resolves({ transactionId: "tx-3" });
    rds.on(CommitTransactionCommand).rejects(awsError("InternalServerErrorException"));
    await expect(client().transaction(async () => "done")).rejects.toMatchObject({ operation: "CommitTransaction" });
    expect(rds.commandCalls(RollbackTransactionCommand)).toHaveLength(0);
    expect(rds.commandCalls(CommitTransactionCommand)).toHaveLength(1);
  });

  it("classifies a connection never made as unreachable, with Node's code as the error's code, without retrying", async () => {
    rds.on(ExecuteStatementCommand).rejects(connectionError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:8432"));
    await expect(client().query("SELECT 1")).rejects.toMatchObject({
      kind: "unreachable",
      code: "ECONNREFUSED",
      message: `ExecuteStatement on ${CLUSTER} failed: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:8432`,
    });
    expect(rds.commandCalls(ExecuteStatementCommand)).toHaveLength(1);
    // Node's error for a host with several addresses: an AggregateError with the code and no message.
    rds
      .on(ExecuteStatementCommand)
      .rejects(Object.assign(new AggregateError([connectionError("ECONNREFUSED", "connect ECONNREFUSED ::1:8432")], ""), { code: "ECONNREFUSED" }));
    await expect(client().query("SELECT 1")).rejects.toMatchObject({
      kind: "unreachable",
      message: `ExecuteStatement on ${CLUSTER} failed: ECONNREFUSED: ECONNREFUSED`,
    });
    // A connection reset after the request was sent may have run the statement: not unreachable.
    rds.on(ExecuteStatementCommand).rejects(connectionError("ECONNRESET", "socket hang up"));
    await expect(client().query("SELECT 1")).rejects.toMatchObject({ kind: "other", code: "Error" });
  });

  it("refuses a cluster ARN it cannot read a region from, and missing settings", () => {
    expect(() => new DataApiClient({ resourceArn: "orders-dev", secretArn: SECRET, database: "orders" })).toThrow(
      'resourceArn "orders-dev" is not an Aurora cluster ARN: expected arn:<partition>:rds:<region>:<account>:cluster:<name>',
    );
    expect(() => new DataApiClient({ resourceArn: CLUSTER, secretArn: "", database: "orders" })).toThrow('secretArn is required: received ""');
    expect(new DataApiClient({ resourceArn: CLUSTER, secretArn: SECRET, database: "orders" }).config.region).toBe("eu-west-1");
  });
});

describe("errors name an endpoint that is not AWS's", () => {
  it.each([
    ["a local Data API", "http://127.0.0.1:8432", ` on the local Data API at http://127.0.0.1:8432`],
    ["localhost", "http://localhost:9000", ` on the local Data API at http://localhost:9000`],
    ["another endpoint", "https://data-api.example.com", ` on the Data API at https://data-api.example.com`],
    ["AWS's regional endpoint", "https://rds-data.eu-west-1.amazonaws.com", ""],
    ["no endpoint", undefined, ""],
  ])("%s", async (_, endpoint, named) => {
    rds.on(ExecuteStatementCommand).rejects(awsError("ValidationException", "Multistatements aren't supported."));
    const failure = await client(60_000, endpoint)
      .query("SELECT 1; SELECT 2")
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({
      endpoint,
      message: `ExecuteStatement on ${CLUSTER}${named} failed: ValidationException: Multistatements aren't supported.`,
    });
  });
});

describe("transactions", () => {
  it("sends a transaction's calls one at a time, in the order they were made, as the Data API needs", async () => {
    rds.on(BeginTransactionCommand).resolves({ transactionId: "tx-1" });
    const first = deferred<object>();
    rds.on(ExecuteStatementCommand, { sql: "UPDATE a SET n = 1" }).callsFake(() => first.promise);
    rds.on(ExecuteStatementCommand, { sql: "UPDATE b SET n = 2" }).resolves({});
    rds.on(CommitTransactionCommand).resolves({});
    const transaction = await client().begin();
    const both = Promise.all([transaction.query("UPDATE a SET n = 1"), transaction.query("UPDATE b SET n = 2"), transaction.commit()]);
    await settle();
    // The second statement and the commit wait for the first statement's answer.
    expect(rds.commandCalls(ExecuteStatementCommand).map((call) => call.args[0].input.sql)).toEqual(["UPDATE a SET n = 1"]);
    expect(rds.commandCalls(CommitTransactionCommand)).toHaveLength(0);
    first.resolve({});
    await both;
    expect(rds.commandCalls(ExecuteStatementCommand).map((call) => call.args[0].input.sql)).toEqual(["UPDATE a SET n = 1", "UPDATE b SET n = 2"]);
    expect(rds.commandCalls(CommitTransactionCommand)).toHaveLength(1);
  });

  it("sends the next call of a transaction after one that failed, and sends calls outside it at once", async () => {
    rds.on(BeginTransactionCommand).resolves({ transactionId: "tx-1" });
    const first = deferred<object>();
    rds.on(ExecuteStatementCommand, { transactionId: "tx-1", sql: "INSERT INTO t VALUES (1)" }).callsFake(() => first.promise);
    rds.on(ExecuteStatementCommand, { sql: "SELECT 2" }).resolves({});
    rds.on(RollbackTransactionCommand).resolves({});
    const db = client();
    const transaction = await db.begin();
    const failing = transaction.query("INSERT INTO t VALUES (1)").catch((error: unknown) => error);
    const rollback = transaction.rollback();
    await db.query("SELECT 2");
    expect(rds.commandCalls(RollbackTransactionCommand)).toHaveLength(0);
    first.reject(awsError("DatabaseErrorException", 'ERROR: duplicate key value violates unique constraint "t_pkey"; SQLState: 23505'));
    expect(await failing).toMatchObject({ kind: "database-error" });
    await rollback;
    expect(rds.commandCalls(RollbackTransactionCommand)).toHaveLength(1);
  });

  it("takes a rollback that finds the transaction ended as done: the work's error alone is thrown", async () => {
    rds.on(BeginTransactionCommand).resolves({ transactionId: "tx-1" });
    const statementError = awsError("DatabaseErrorException", 'ERROR: relation "nowhere" does not exist; SQLState: 42P01');
    rds.on(ExecuteStatementCommand).rejects(statementError);
    // PostgreSQL aborted the transaction at the statement error, and the Data API forgot it.
    rds
      .on(RollbackTransactionCommand)
      .rejects(awsError("TransactionNotFoundException", "Transaction tx-1 isn't found. Transaction has been aborted due to an error from a previous call."));
    const failure = await client()
      .transaction(async (transaction) => transaction.query("INSERT INTO nowhere VALUES (1)"))
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DataApiError);
    expect(failure).toMatchObject({ operation: "ExecuteStatement", kind: "database-error", cause: statementError });
    expect(rds.commandCalls(RollbackTransactionCommand)).toHaveLength(1);
  });

  it("says a commit that finds the transaction ended committed nothing, and why it may have ended", async () => {
    rds.on(BeginTransactionCommand).resolves({ transactionId: "tx-1" });
    rds.on(ExecuteStatementCommand).resolves({});
    rds.on(CommitTransactionCommand).rejects(awsError("TransactionNotFoundException", "Transaction tx-1 isn't found. Transaction may be expired."));
    const failure = await client()
      .transaction(async (transaction) => transaction.query("INSERT INTO t VALUES (1)"))
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ operation: "CommitTransaction", kind: "transaction-ended", code: "TransactionNotFoundException" });
    expect((failure as Error).message).toBe(
      `CommitTransaction on ${CLUSTER} failed (nothing was committed: the transaction had already ended, rolled back by the database after an error in one of its statements, ` +
        "or by the Data API after 3 minutes without a call, or committed or rolled back before): TransactionNotFoundException: Transaction tx-1 isn't found. Transaction may be expired.",
    );
    expect(rds.commandCalls(RollbackTransactionCommand)).toHaveLength(0);

    // Any other failed commit may have committed: it does not say otherwise.
    rds.on(CommitTransactionCommand).rejects(awsError("InternalServerErrorException", "connection lost"));
    const other = await client()
      .transaction(async () => "done")
      .catch((error: unknown) => error);
    expect(other).toMatchObject({
      operation: "CommitTransaction",
      kind: "other",
      message: `CommitTransaction on ${CLUSTER} failed: InternalServerErrorException: connection lost`,
    });
  });
});
