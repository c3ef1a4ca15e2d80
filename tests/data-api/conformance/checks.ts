/**
 * One check per row of the conformance table, through the real AWS SDK. Each check asserts the
 * real API's behaviour; `PGLITE_CHECKS` assert the documented difference of the rows PGlite
 * cannot match. Each check works on tables named after its row, so checks share an endpoint.
 */
import {
  BatchExecuteStatementCommand,
  BeginTransactionCommand,
  CommitTransactionCommand,
  ExecuteStatementCommand,
  RollbackTransactionCommand,
  type BatchExecuteStatementCommandInput,
  type ExecuteStatementCommandInput,
  type ExecuteStatementCommandOutput,
  type RDSDataClient,
} from "@aws-sdk/client-rds-data";
import type { LocalDataApi } from "aurora-data-api-toolkit";
import { expect } from "vitest";

export interface Endpoint {
  readonly local: LocalDataApi;
  readonly sdk: RDSDataClient;
  /** An endpoint on the same backend whose transactions time out after `IDLE_TIMEOUT_SECONDS`. */
  readonly shortTimeout: { readonly local: LocalDataApi; readonly sdk: RDSDataClient };
}

/** The idle timeout of `Endpoint.shortTimeout`. */
export const IDLE_TIMEOUT_SECONDS = 0.5;

type Failure = { readonly error: string; readonly message: string };
type Check = (endpoint: Endpoint) => Promise<void>;

const failure = (error: Error): Failure => ({ error: error.name, message: error.message });

function target(local: LocalDataApi) {
  return { resourceArn: local.clusterArn, secretArn: local.secretArn, database: local.database };
}

async function execute({ local, sdk }: Pick<Endpoint, "local" | "sdk">, input: Partial<ExecuteStatementCommandInput>): Promise<ExecuteStatementCommandOutput> {
  return sdk.send(new ExecuteStatementCommand({ ...target(local), sql: "SELECT 1", ...input }));
}

/** The error an ExecuteStatement input gets (fails the check if it succeeds). */
async function refused(endpoint: Pick<Endpoint, "local" | "sdk">, input: Partial<ExecuteStatementCommandInput>): Promise<Failure> {
  return execute(endpoint, input).then((output) => expect.fail(`expected an error, got ${JSON.stringify(output.records ?? output.formattedRecords)}`), failure);
}

async function begin({ local, sdk }: Pick<Endpoint, "local" | "sdk">): Promise<string> {
  return (await sdk.send(new BeginTransactionCommand(target(local)))).transactionId!;
}

function commit({ local, sdk }: Pick<Endpoint, "local" | "sdk">, transactionId: string) {
  return sdk.send(new CommitTransactionCommand({ resourceArn: local.clusterArn, secretArn: local.secretArn, transactionId }));
}

function rollback({ local, sdk }: Pick<Endpoint, "local" | "sdk">, transactionId: string) {
  return sdk.send(new RollbackTransactionCommand({ resourceArn: local.clusterArn, secretArn: local.secretArn, transactionId }));
}

function batch({ local, sdk }: Endpoint, input: Partial<BatchExecuteStatementCommandInput>) {
  return sdk.send(new BatchExecuteStatementCommand({ ...target(local), sql: "SELECT 1", ...input }));
}

/** Each statement is refused for the type it names. */
async function expectUnsupported(endpoint: Endpoint, typeOfStatement: Readonly<Record<string, string>>): Promise<void> {
  for (const [sql, type] of Object.entries(typeOfStatement)) {
    expect(await refused(endpoint, { sql }), sql).toEqual({
      error: "UnsupportedResultException",
      message: `The result contains the unsupported data type ${type}.`,
    });
  }
}

const count = async (endpoint: Endpoint, table: string) => (await execute(endpoint, { sql: `SELECT count(*)::int4 FROM ${table}` })).records![0]![0]!.longValue;

export const CHECKS: Readonly<Record<string, Check>> = {
  "typed-fields": async (endpoint) => {
    const sql = `SELECT 7::int2, 1::int4, 9007199254740991::int8, 2.5::float4, 2.5::float8, 12345678901234567890.123::numeric, true, '\\x0102'::bytea, 'x'::text, 'y'::varchar(3),
      DATE '2026-12-07', TIME '08:01:02', TIMESTAMP '2026-12-07 08:01:02.5', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid, '{"a": 1}'::jsonb, NULL::text`;
    expect((await execute(endpoint, { sql })).records).toEqual([
      [
        { longValue: 7 },
        { longValue: 1 },
        { longValue: 9007199254740991 },
        { doubleValue: 2.5 },
        { doubleValue: 2.5 },
        { stringValue: "12345678901234567890.123" },
        { booleanValue: true },
        { blobValue: new Uint8Array([1, 2]) },
        { stringValue: "x" },
        { stringValue: "y" },
        { stringValue: "2026-12-07" },
        { stringValue: "08:01:02" },
        { stringValue: "2026-12-07 08:01:02.5" },
        { stringValue: "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11" },
        { stringValue: '{"a": 1}' },
        { isNull: true },
      ],
    ]);
  },
  "timestamptz-utc": async (endpoint) => {
    const transaction = await begin(endpoint);
    try {
      await execute(endpoint, { sql: "SET LOCAL TIME ZONE 'Asia/Kolkata'", transactionId: transaction });
      const { records } = await execute(endpoint, {
        sql: "SELECT TIMESTAMPTZ '2026-12-07 08:00:00.123456+00', TIMESTAMPTZ '2026-12-07 00:30:00+05:30', current_setting('TimeZone')",
        transactionId: transaction,
      });
      expect(records).toEqual([[{ stringValue: "2026-12-07 08:00:00.123456" }, { stringValue: "2026-12-06 19:00:00" }, { stringValue: "Asia/Kolkata" }]]);
    } finally {
      await rollback(endpoint, transaction);
    }
  },
  arrays: async (endpoint) => {
    const sql =
      "SELECT ARRAY[1, NULL, 3]::int4[], ARRAY[1.5]::float8[], ARRAY[true, false], ARRAY['a', 'b c', NULL, '\"q\"'], ARRAY[DATE '2026-01-02'], ARRAY[]::text[], ARRAY[1.25]::numeric[]";
    expect((await execute(endpoint, { sql })).records).toEqual([
      [
        { arrayValue: { longValues: [1, null, 3] } },
        { arrayValue: { doubleValues: [1.5] } },
        { arrayValue: { booleanValues: [true, false] } },
        { arrayValue: { stringValues: ["a", "b c", null, '"q"'] } },
        { arrayValue: { stringValues: ["2026-01-02"] } },
        { arrayValue: { stringValues: [] } },
        { arrayValue: { stringValues: ["1.25"] } },
      ],
    ]);
  },
  "unsupported-types": async (endpoint) => {
    await expectUnsupported(endpoint, { "SELECT 1.5::money": "MONEY", "SELECT point(1, 2)": "POINT", "SELECT circle(point(0, 0), 1)": "CIRCLE" });
    expect(await refused(endpoint, { sql: "SELECT ARRAY[[1, 2], [3, 4]]" })).toMatchObject({
      error: "UnsupportedResultException",
      message: expect.stringContaining("multidimensional array"),
    });
  },
  "unsupported-observed": async (endpoint) => {
    await expectUnsupported(endpoint, { "SELECT INTERVAL '1 day'": "INTERVAL", "SELECT TIMETZ '08:00:00+02'": "TIMETZ", "SELECT 'a'::\"char\"": "CHAR" });
    expect((await execute(endpoint, { sql: "SELECT (INTERVAL '1 day')::text" })).records, "cast to text, as AWS advises").toEqual([[{ stringValue: "1 day" }]]);
  },
  "unsupported-uuid-arrays": async (endpoint) => {
    expect(await refused(endpoint, { sql: "SELECT ARRAY['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid]" })).toMatchObject({
      error: "UnsupportedResultException",
    });
  },
  "column-metadata": async (endpoint) => {
    await execute(endpoint, {
      sql: "CREATE TABLE column_metadata (id serial PRIMARY KEY, amount numeric(10, 2) NOT NULL, note varchar(20), body text, at timestamptz)",
    });
    const { columnMetadata } = await execute(endpoint, {
      sql: "SELECT id, amount, note, body, at, 1::int8 AS computed FROM column_metadata",
      includeResultMetadata: true,
    });
    const shown = columnMetadata!.map(({ name, label, type, typeName, precision, scale, nullable, isAutoIncrement, isSigned, tableName, schemaName }) => ({
      name,
      label,
      type,
      typeName,
      precision,
      scale,
      nullable,
      isAutoIncrement,
      isSigned,
      tableName,
      schemaName,
    }));
    const table = { tableName: "column_metadata", schemaName: "" };
    expect(shown).toEqual([
      { name: "id", label: "id", type: 4, typeName: "serial", precision: 10, scale: 0, nullable: 0, isAutoIncrement: true, isSigned: true, ...table },
      { name: "amount", label: "amount", type: 2, typeName: "numeric", precision: 10, scale: 2, nullable: 0, isAutoIncrement: false, isSigned: true, ...table },
      { name: "note", label: "note", type: 12, typeName: "varchar", precision: 20, scale: 0, nullable: 1, isAutoIncrement: false, isSigned: false, ...table },
      {
        name: "body",
        label: "body",
        type: 12,
        typeName: "text",
        precision: 2147483647,
        scale: 0,
        nullable: 1,
        isAutoIncrement: false,
        isSigned: false,
        ...table,
      },
      { name: "at", label: "at", type: 93, typeName: "timestamptz", precision: 35, scale: 6, nullable: 1, isAutoIncrement: false, isSigned: false, ...table },
      {
        name: "computed",
        label: "computed",
        type: -5,
        typeName: "int8",
        precision: 19,
        scale: 0,
        nullable: 1,
        isAutoIncrement: false,
        isSigned: true,
        tableName: "",
        schemaName: "",
      },
    ]);
  },
  "json-records": async (endpoint) => {
    const output = await execute(endpoint, {
      sql: "SELECT 1::int4 AS n, 2.5::float8 AS f, 1.25::numeric AS d, true AS b, '\\x0102'::bytea AS bin, ARRAY[1, 2] AS arr, NULL::text AS z, 'x' AS s",
      formatRecordsAs: "JSON",
      includeResultMetadata: true,
    });
    expect(JSON.parse(output.formattedRecords!)).toEqual([{ n: 1, f: 2.5, d: "1.25", b: true, bin: "AQI=", arr: [1, 2], z: null, s: "x" }]);
    expect(output.records).toBeUndefined();
    expect(output.columnMetadata).toBeUndefined();
  },
  "json-duplicate-labels": async (endpoint) => {
    expect(await refused(endpoint, { sql: "SELECT 1 AS a, 2 AS a", formatRecordsAs: "JSON" })).toMatchObject({
      error: "UnsupportedResultException",
      message: expect.stringContaining('"a"'),
    });
  },
  "result-set-options": async (endpoint) => {
    const sql = "SELECT 1.5::numeric, 2::numeric, 3::int8";
    expect((await execute(endpoint, { sql, resultSetOptions: { decimalReturnType: "DOUBLE_OR_LONG", longReturnType: "STRING" } })).records).toEqual([
      [{ doubleValue: 1.5 }, { longValue: 2 }, { stringValue: "3" }],
    ]);
    expect((await execute(endpoint, { sql })).records).toEqual([[{ stringValue: "1.5" }, { stringValue: "2" }, { longValue: 3 }]]);
  },
  "records-updated": async (endpoint) => {
    await execute(endpoint, { sql: "CREATE TABLE records_updated (n int4)" });
    expect(await execute(endpoint, { sql: "INSERT INTO records_updated SELECT generate_series(1, 3)" })).toMatchObject({
      numberOfRecordsUpdated: 3,
      generatedFields: [],
    });
    expect(await execute(endpoint, { sql: "UPDATE records_updated SET n = n + 1 WHERE n > 1" })).toMatchObject({ numberOfRecordsUpdated: 2 });
    expect(await execute(endpoint, { sql: "DELETE FROM records_updated WHERE n = 1 RETURNING n" })).toMatchObject({
      numberOfRecordsUpdated: 1,
      records: [[{ longValue: 1 }]],
    });
    expect(await execute(endpoint, { sql: "SELECT n FROM records_updated" })).toMatchObject({ numberOfRecordsUpdated: 0 });
  },
  "type-hints": async (endpoint) => {
    const parameters = [
      { name: "d", value: { stringValue: "2026-12-07" }, typeHint: "DATE" as const },
      { name: "t", value: { stringValue: "08:01:02" }, typeHint: "TIME" as const },
      { name: "ts", value: { stringValue: "2026-12-07 08:01:02.123" }, typeHint: "TIMESTAMP" as const },
      { name: "n", value: { stringValue: "1.50" }, typeHint: "DECIMAL" as const },
      { name: "j", value: { stringValue: '{"a":1}' }, typeHint: "JSON" as const },
      { name: "u", value: { stringValue: "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11" }, typeHint: "UUID" as const },
    ];
    const { records } = await execute(endpoint, {
      sql: "SELECT pg_typeof(:d)::text, pg_typeof(:t)::text, pg_typeof(:ts)::text, pg_typeof(:n)::text, pg_typeof(:j)::text, pg_typeof(:u)::text",
      parameters,
    });
    expect(records![0]!.map((field) => field.stringValue)).toEqual([
      "date",
      "time without time zone",
      "timestamp without time zone",
      "numeric",
      "json",
      "uuid",
    ]);
  },
  "string-parameters": async (endpoint) => {
    await execute(endpoint, { sql: "CREATE TABLE string_parameters (id uuid, doc jsonb)" });
    const id = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";
    expect(
      await refused(endpoint, { sql: "INSERT INTO string_parameters (id) VALUES (:id)", parameters: [{ name: "id", value: { stringValue: id } }] }),
    ).toEqual({
      error: "DatabaseErrorException",
      message: 'ERROR: column "id" is of type uuid but expression is of type character varying; SQLState: 42804',
    });
    await execute(endpoint, {
      sql: "INSERT INTO string_parameters (id) VALUES (:id)",
      parameters: [{ name: "id", value: { stringValue: id }, typeHint: "UUID" }],
    });
    expect(await count(endpoint, "string_parameters")).toBe(1);
  },
  "invalid-type-hint": async (endpoint) => {
    const parameters = [{ name: "x", value: { stringValue: "1" }, typeHint: "INTEGER" as never }];
    expect(await refused(endpoint, { sql: "SELECT :x", parameters })).toMatchObject({
      error: "ValidationException",
      message: expect.stringContaining("'INTEGER'"),
    });
  },
  "array-parameters": async (endpoint) => {
    const parameters = [{ name: "ids", value: { arrayValue: { longValues: [1] } } }];
    expect(await refused(endpoint, { sql: "SELECT :ids", parameters })).toEqual({
      error: "ValidationException",
      message: "Array parameters are not supported.",
    });
  },
  multistatements: async (endpoint) => {
    await execute(endpoint, { sql: "CREATE TABLE multistatements (n int4)" });
    expect(await refused(endpoint, { sql: "INSERT INTO multistatements VALUES (1); INSERT INTO multistatements VALUES (2)" })).toEqual({
      error: "ValidationException",
      message: "Multistatements aren't supported.",
    });
    expect(await count(endpoint, "multistatements"), "nothing of the refused call ran").toBe(0);
    expect((await execute(endpoint, { sql: "SELECT ';' AS s; -- one statement, a trailing comment" })).records).toEqual([[{ stringValue: ";" }]]);
  },
  "schema-parameter": async (endpoint) => {
    expect(await refused(endpoint, { schema: "public" })).toEqual({ error: "ValidationException", message: "The schema parameter isn't supported." });
  },
  "arn-lengths": async (endpoint) => {
    expect(await refused(endpoint, { resourceArn: "arn:aws:rd" })).toMatchObject({
      error: "ValidationException",
      message: expect.stringContaining("'resourceArn' failed to satisfy constraint: Member must have length greater than or equal to 11"),
    });
    expect(await refused(endpoint, { secretArn: "arn" })).toMatchObject({ error: "ValidationException", message: expect.stringContaining("'secretArn'") });
  },
  "other-cluster": async (endpoint) => {
    expect(await refused(endpoint, { resourceArn: "arn:aws:rds:us-east-1:000000000000:cluster:other" })).toMatchObject({
      error: "HttpEndpointNotEnabledException",
      message: expect.stringContaining("HttpEndpoint is not enabled for cluster other"),
    });
  },
  "unknown-secret": async (endpoint) => {
    const secretArn = "arn:aws:secretsmanager:us-east-1:000000000000:secret:other-AbCdEf";
    expect(await refused(endpoint, { secretArn })).toEqual({ error: "SecretsErrorException", message: `The secret provided wasn't found: ${secretArn}` });
  },
  "database-errors": async (endpoint) => {
    expect(await refused(endpoint, { sql: "SELECT * FROM no_such_table" })).toEqual({
      error: "DatabaseErrorException",
      message: 'ERROR: relation "no_such_table" does not exist; SQLState: 42P01',
    });
  },
  "no-bad-request": async (endpoint) => {
    const inputs: Partial<ExecuteStatementCommandInput>[] = [
      { resourceArn: "not-an-arn-at-all" },
      { resourceArn: "x" },
      { secretArn: "arn:aws:secretsmanager:us-east-1:000000000000:secret:x-AbCdEf" },
      { sql: "SELECT 1; SELECT 2" },
      { sql: "SELECT :missing" },
      { schema: "public" },
      { sql: "SELEC 1" },
      { transactionId: "no-such-transaction" },
    ];
    for (const input of inputs) expect((await refused(endpoint, input)).error, JSON.stringify(input)).not.toMatch(/^(BadRequest|NotFound)Exception$/);
  },
  autocommit: async (endpoint) => {
    await execute(endpoint, { sql: "CREATE TABLE autocommit (n int4)" });
    await execute(endpoint, { sql: "INSERT INTO autocommit VALUES (1)" });
    const transaction = await begin(endpoint);
    try {
      expect((await execute(endpoint, { sql: "SELECT count(*)::int4 FROM autocommit", transactionId: transaction })).records).toEqual([[{ longValue: 1 }]]);
    } finally {
      await rollback(endpoint, transaction);
    }
    // Left uncommitted on a shared connection, the row would have gone with that rollback.
    expect(await count(endpoint, "autocommit"), "the row outlives a rolled back transaction").toBe(1);
  },
  isolation: async (endpoint) => {
    await execute(endpoint, { sql: "CREATE TABLE isolation (n int4)" });
    const transaction = await begin(endpoint);
    await execute(endpoint, { sql: "INSERT INTO isolation VALUES (1)", transactionId: transaction });
    const started = Date.now();
    expect(await count(endpoint, "isolation"), "the outside statement sees no uncommitted row").toBe(0);
    expect(Date.now() - started, "it answers at once").toBeLessThan(2_000);
    await commit(endpoint, transaction);
    expect(await count(endpoint, "isolation")).toBe(1);
  },
  "concurrent-transactions": async (endpoint) => {
    await execute(endpoint, { sql: "CREATE TABLE concurrent_transactions (n int4)" });
    const [first, second] = [await begin(endpoint), await begin(endpoint)];
    await execute(endpoint, { sql: "INSERT INTO concurrent_transactions VALUES (1)", transactionId: first });
    await execute(endpoint, { sql: "INSERT INTO concurrent_transactions VALUES (2)", transactionId: second });
    await rollback(endpoint, first);
    await commit(endpoint, second);
    expect((await execute(endpoint, { sql: "SELECT n FROM concurrent_transactions" })).records).toEqual([[{ longValue: 2 }]]);
  },
  "aborted-transaction": async (endpoint) => {
    await execute(endpoint, { sql: "CREATE TABLE aborted_transaction (n int4 PRIMARY KEY)" });
    const transaction = await begin(endpoint);
    await execute(endpoint, { sql: "INSERT INTO aborted_transaction VALUES (1)", transactionId: transaction });
    expect(await refused(endpoint, { sql: "INSERT INTO aborted_transaction VALUES (1)", transactionId: transaction })).toMatchObject({
      error: "DatabaseErrorException",
      message: expect.stringContaining("SQLState: 23505"),
    });
    const aborted = {
      error: "TransactionNotFoundException",
      message: `Transaction ${transaction} isn't found. Transaction has been aborted due to an error from a previous call.`,
    };
    expect(await refused(endpoint, { sql: "SELECT 1", transactionId: transaction })).toEqual(aborted);
    expect(await commit(endpoint, transaction).then(() => expect.fail("the commit of an aborted transaction succeeded"), failure)).toEqual(aborted);
    expect(await count(endpoint, "aborted_transaction"), "nothing was committed").toBe(0);
  },
  "ended-transaction": async (endpoint) => {
    const transaction = await begin(endpoint);
    expect(await commit(endpoint, transaction)).toMatchObject({ transactionStatus: "Transaction Committed" });
    const ended = {
      error: "TransactionNotFoundException",
      message: `Transaction ${transaction} isn't found. One previous call resulted in a termination of your transaction.`,
    };
    expect(await rollback(endpoint, transaction).then(() => expect.fail("rolled back twice"), failure)).toEqual(ended);
    const other = await begin(endpoint);
    expect(await rollback(endpoint, other)).toMatchObject({ transactionStatus: "Rollback Complete" });
    expect(await refused(endpoint, { transactionId: other })).toMatchObject({ error: "TransactionNotFoundException" });
  },
  "unknown-transaction": async (endpoint) => {
    expect(await refused(endpoint, { transactionId: "no-such-transaction" })).toEqual({
      error: "TransactionNotFoundException",
      message: "Transaction no-such-transaction isn't found.",
    });
  },
  "one-call-per-transaction": async (endpoint) => {
    const transaction = await begin(endpoint);
    try {
      const slow = execute(endpoint, { sql: "SELECT pg_sleep(0.3)", transactionId: transaction });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await refused(endpoint, { sql: "SELECT 1", transactionId: transaction })).toEqual({
        error: "DatabaseErrorException",
        message: "Transaction is still running a query",
      });
      await slow;
      expect((await execute(endpoint, { sql: "SELECT 2", transactionId: transaction })).records).toEqual([[{ longValue: 2 }]]);
    } finally {
      await rollback(endpoint, transaction);
    }
  },
  "idle-timeout": async ({ shortTimeout }) => {
    await execute(shortTimeout, { sql: "CREATE TABLE idle_timeout (n int4)" });
    const transaction = await begin(shortTimeout);
    await execute(shortTimeout, { sql: "INSERT INTO idle_timeout VALUES (1)", transactionId: transaction });
    await new Promise((resolve) => setTimeout(resolve, IDLE_TIMEOUT_SECONDS * 1000 + 300));
    expect(await commit(shortTimeout, transaction).then(() => expect.fail("committed after the timeout"), failure)).toEqual({
      error: "TransactionNotFoundException",
      message: `Transaction ${transaction} isn't found. Transaction may be expired.`,
    });
    expect((await execute(shortTimeout, { sql: "SELECT count(*)::int4 FROM idle_timeout" })).records).toEqual([[{ longValue: 0 }]]);
  },
  "batch-results": async (endpoint) => {
    await execute(endpoint, { sql: "CREATE TABLE batch_results (name text)" });
    const output = await batch(endpoint, {
      sql: "INSERT INTO batch_results VALUES (:name)",
      parameterSets: [[{ name: "name", value: { stringValue: "a" } }], [{ name: "name", value: { stringValue: "b" } }]],
    });
    expect(output.updateResults).toEqual([{ generatedFields: [] }, { generatedFields: [] }]);
    expect(await count(endpoint, "batch_results")).toBe(2);
  },
  "batch-atomic": async (endpoint) => {
    await execute(endpoint, { sql: "CREATE TABLE batch_atomic (name text PRIMARY KEY)" });
    const sets = ["a", "b", "a"].map((name) => [{ name: "name", value: { stringValue: name } }]);
    expect(
      await batch(endpoint, { sql: "INSERT INTO batch_atomic VALUES (:name)", parameterSets: sets }).then(() => expect.fail("a duplicate key passed"), failure),
    ).toMatchObject({
      error: "DatabaseErrorException",
    });
    expect(await count(endpoint, "batch_atomic")).toBe(0);
  },
  pgvector: async (endpoint) => {
    await execute(endpoint, { sql: "CREATE EXTENSION IF NOT EXISTS vector" });
    await execute(endpoint, { sql: "CREATE TABLE pgvector (embedding vector(3))" });
    await execute(endpoint, { sql: "INSERT INTO pgvector VALUES (:e::vector)", parameters: [{ name: "e", value: { stringValue: "[1,2,3]" } }] });
    const output = await execute(endpoint, { sql: "SELECT embedding FROM pgvector", includeResultMetadata: true });
    expect(output.records).toEqual([[{ stringValue: "[1,2,3]" }]]);
    expect(output.columnMetadata![0]).toMatchObject({ typeName: "vector", type: 1111 });
  },
};

/** The busy answer of the one-connection backend. */
const PGLITE_BUSY = { error: "DatabaseUnavailableException", message: expect.stringContaining("--database-url") };

/** The rows PGlite cannot match: their documented difference, checked. */
export const PGLITE_CHECKS: Readonly<Record<string, Check>> = {
  "one-call-per-transaction": async (endpoint) => {
    const transaction = await begin(endpoint);
    try {
      const answered: string[] = [];
      const slow = execute(endpoint, { sql: "SELECT pg_sleep(0.3)", transactionId: transaction }).then(() => answered.push("slow"));
      await new Promise((resolve) => setTimeout(resolve, 50));
      const second = execute(endpoint, { sql: "SELECT 2", transactionId: transaction }).then((output) => (answered.push("second"), output.records));
      expect(await second).toEqual([[{ longValue: 2 }]]);
      await slow;
      expect(answered).toEqual(["slow", "second"]);
    } finally {
      await rollback(endpoint, transaction);
    }
  },
  isolation: async (endpoint) => {
    await execute(endpoint, { sql: "CREATE TABLE pglite_isolation (n int4)" });
    const transaction = await begin(endpoint);
    try {
      await execute(endpoint, { sql: "INSERT INTO pglite_isolation VALUES (1)", transactionId: transaction });
      const started = Date.now();
      expect(await refused(endpoint, { sql: "SELECT count(*) FROM pglite_isolation" })).toMatchObject(PGLITE_BUSY);
      expect(Date.now() - started, "it answers at once").toBeLessThan(2_000);
    } finally {
      await rollback(endpoint, transaction);
    }
    expect(await count(endpoint, "pglite_isolation"), "once the transaction ends, statements run").toBe(0);
  },
  "concurrent-transactions": async (endpoint) => {
    const first = await begin(endpoint);
    try {
      expect(await begin(endpoint).then(() => expect.fail("a second transaction began"), failure)).toMatchObject(PGLITE_BUSY);
    } finally {
      await rollback(endpoint, first);
    }
    await rollback(endpoint, await begin(endpoint));
  },
};
