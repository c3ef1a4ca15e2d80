/**
 * The local Data API, driven by the real `@aws-sdk/client-rds-data` and by our client and CLI:
 * real SQL on PostgreSQL (PGlite), real SDK serialization, the Data API's error types,
 * transactions, batches, pgvector, and migrations applied and re-applied. One server for the
 * file: PGlite takes seconds to start.
 */
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { BeginTransactionCommand, ExecuteStatementCommand, RDSDataClient, RollbackTransactionCommand } from "@aws-sdk/client-rds-data";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DataApiClient, type LocalDataApi, json, startLocalDataApi, uuid } from "aurora-data-api-toolkit";
import { main } from "../../modules/aurora-data-api/src/cli/main";
import { cli, scratchFolder } from "./support";

const EXAMPLES = resolve(import.meta.dirname, "../../modules/aurora-data-api/examples/migrations");
let local: LocalDataApi;
let db: DataApiClient;
let sdk: RDSDataClient;

beforeAll(async () => {
  local = await startLocalDataApi({ port: 0 });
  db = new DataApiClient({ resourceArn: local.clusterArn, secretArn: local.secretArn, database: local.database, endpoint: local.endpoint });
  sdk = new RDSDataClient({ region: local.region, endpoint: local.endpoint, credentials: { accessKeyId: "local", secretAccessKey: "local" }, maxAttempts: 1 });
});
afterAll(async () => {
  sdk?.destroy();
  await local?.close();
});

/** What the raw SDK answers, or the error it throws, for one ExecuteStatement input. */
async function execute(input: Partial<ConstructorParameters<typeof ExecuteStatementCommand>[0]>) {
  return sdk
    .send(new ExecuteStatementCommand({ resourceArn: local.clusterArn, secretArn: local.secretArn, database: local.database, sql: "SELECT 1", ...input }))
    .catch((error: Error) => ({ error: error.name, message: error.message }));
}

describe("the local Data API, through the AWS SDK", () => {
  it("returns typed records and column metadata, and formatted JSON records", async () => {
    const sql = "SELECT 1::int8 AS n, 2.5::float8 AS f, 1.25::numeric AS d, true AS b, 'x' AS s, NULL::text AS z, '\\x0102'::bytea AS bin, ARRAY[1,2] AS arr";
    const typed = await sdk.send(new ExecuteStatementCommand({ resourceArn: local.clusterArn, secretArn: local.secretArn, database: local.database, sql, includeResultMetadata: true }));
    expect(typed.records).toEqual([
      [{ longValue: 1 }, { doubleValue: 2.5 }, { stringValue: "1.25" }, { booleanValue: true }, { stringValue: "x" }, { isNull: true }, { blobValue: new Uint8Array([1, 2]) }, { arrayValue: { longValues: [1, 2] } }],
    ]);
    expect(typed.columnMetadata?.map((column) => [column.name, column.typeName])).toEqual([
      ["n", "int8"],
      ["f", "float8"],
      ["d", "numeric"],
      ["b", "bool"],
      ["s", "text"],
      ["z", "text"],
      ["bin", "bytea"],
      ["arr", "unknown"],
    ]);
    const formatted = await sdk.send(new ExecuteStatementCommand({ resourceArn: local.clusterArn, secretArn: local.secretArn, database: local.database, sql: "SELECT 1::int4 AS n, 'x' AS s", formatRecordsAs: "JSON" }));
    expect(JSON.parse(formatted.formattedRecords!)).toEqual([{ n: 1, s: "x" }]);
    expect(formatted.records).toBeUndefined();
  });

  it("answers what it refuses with the Data API's error types", async () => {
    expect(await execute({ resourceArn: "arn:aws:rds:us-east-1:000000000000:cluster:other" })).toEqual({
      error: "NotFoundException",
      message: "DB cluster arn:aws:rds:us-east-1:000000000000:cluster:other not found",
    });
    expect(await execute({ resourceArn: "not-an-arn" })).toEqual({ error: "BadRequestException", message: "Invalid resourceArn: not-an-arn" });
    expect(await execute({ secretArn: "arn:aws:secretsmanager:us-east-1:000000000000:secret:other-AbCdEf" })).toMatchObject({ error: "NotFoundException" });
    expect(await execute({ database: "orders" })).toEqual({ error: "DatabaseErrorException", message: 'FATAL: database "orders" does not exist; SQLState: 3D000' });
    expect(await execute({ sql: "SELECT 1; SELECT 2" })).toEqual({ error: "DatabaseErrorException", message: "ERROR: cannot insert multiple commands into a prepared statement; SQLState: 42601" });
    expect(await execute({ sql: "SELECT :missing" })).toEqual({ error: "BadRequestException", message: "No value specified for parameter: missing" });
    expect(await execute({ sql: "SELECT :ids", parameters: [{ name: "ids", value: { arrayValue: { longValues: [1] } } }] })).toEqual({
      error: "BadRequestException",
      message: "Array parameters are not supported.",
    });
    expect(await execute({ transactionId: "no-such-transaction" })).toEqual({ error: "TransactionNotFoundException", message: "Transaction no-such-transaction is not found" });
  });

  it("types string parameters as varchar, so a uuid column needs the UUID hint as on Aurora", async () => {
    await db.query("CREATE TABLE hinted (id uuid PRIMARY KEY, doc jsonb)");
    const id = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";
    await expect(db.query("INSERT INTO hinted (id) VALUES (:id)", { id })).rejects.toMatchObject({
      kind: "database-error",
      message: expect.stringContaining('column "id" is of type uuid but expression is of type character varying; SQLState: 42804'),
    });
    await db.query("INSERT INTO hinted (id, doc) VALUES (:id, :doc)", { id: uuid(id), doc: json({ tags: ["a"] }) });
    expect((await db.query("SELECT id, doc ->> 'tags' AS tags FROM hinted")).rows).toEqual([{ id, tags: '["a"]' }]);
  });
});

describe("DataApiClient on the local Data API", () => {
  it("commits a transaction's statements together, and rolls them all back on error", async () => {
    await db.query("CREATE TABLE ledger (entry text PRIMARY KEY, amount int NOT NULL)");
    await db.transaction(async (transaction) => {
      await transaction.query("INSERT INTO ledger VALUES (:entry, :amount)", { entry: "a", amount: 10 });
      await transaction.query("INSERT INTO ledger VALUES (:entry, :amount)", { entry: "b", amount: -10 });
    });
    await expect(
      db.transaction(async (transaction) => {
        await transaction.query("INSERT INTO ledger VALUES ('c', 5)");
        await transaction.query("INSERT INTO ledger VALUES ('a', 1)");
      }),
    ).rejects.toMatchObject({ kind: "database-error", message: expect.stringContaining("SQLState: 23505") });
    expect((await db.query("SELECT entry, amount FROM ledger ORDER BY entry")).rows).toEqual([
      { entry: "a", amount: 10 },
      { entry: "b", amount: -10 },
    ]);
  });

  it("runs a batch once per parameter set, all or nothing, and reports rows updated", async () => {
    await db.query("CREATE TABLE items (name text PRIMARY KEY)");
    expect(await db.batch("INSERT INTO items VALUES (:name)", [{ name: "x" }, { name: "y" }])).toBe(2);
    await expect(db.batch("INSERT INTO items VALUES (:name)", [{ name: "z" }, { name: "x" }])).rejects.toMatchObject({ operation: "BatchExecuteStatement" });
    expect((await db.query("SELECT name FROM items ORDER BY name")).rows).toEqual([{ name: "x" }, { name: "y" }]);
    expect((await db.query("UPDATE items SET name = name || '!'")).numberOfRecordsUpdated).toBe(2);
  });

  it("keeps other callers out of an open transaction until it ends", async () => {
    await db.query("CREATE TABLE isolation (n int)");
    const transaction = await db.begin();
    await transaction.query("INSERT INTO isolation VALUES (1)");
    const outside = db.query<{ n: number }>("SELECT count(*)::int AS n FROM isolation");
    await transaction.rollback();
    expect((await outside).rows).toEqual([{ n: 0 }]);
    const begun = await sdk.send(new BeginTransactionCommand({ resourceArn: local.clusterArn, secretArn: local.secretArn, database: local.database }));
    expect(begun.transactionId).toMatch(/^[A-Za-z0-9+/]{32}$/);
    expect(await sdk.send(new RollbackTransactionCommand({ resourceArn: local.clusterArn, secretArn: local.secretArn, transactionId: begun.transactionId }))).toMatchObject({
      transactionStatus: "Rollback Complete",
    });
  });
});

describe("aurora-db check and migrate on the local Data API", () => {
  const folder = scratchFolder();
  const env = () => ({
    AURORA_DATA_API_ENDPOINT: local.endpoint,
    AURORA_CLUSTER_ARN: local.clusterArn,
    AURORA_SECRET_ARN: local.secretArn,
    DATABASE_NAME: local.database,
  });

  it("check reports the engine version and database, with no resume", async () => {
    const run = await cli(["check"], { cwd: folder, env: env() });
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toMatch(new RegExp(`^Data API OK: PostgreSQL \\d+\\.\\d+ \\(PGlite [\\d.]+\\), database postgres, cluster ${local.clusterArn}\\nno resume needed; [\\d.]+ s in all\\n$`));
    const asJson = JSON.parse((await cli(["check", "--json"], { cwd: folder, env: env() })).stdout);
    expect(asJson).toMatchObject({ clusterArn: local.clusterArn, database: "postgres", resumeSeconds: 0 });
  });

  it("check exits 6 for a cluster, secret or database that does not exist, and says what to check", async () => {
    for (const flag of [
      ["--cluster-arn", "arn:aws:rds:us-east-1:000000000000:cluster:gone"],
      ["--secret-arn", "arn:aws:secretsmanager:us-east-1:000000000000:secret:gone-AbCdEf"],
      ["--database", "orders"],
    ]) {
      const run = await cli(["check", ...flag], { cwd: folder, env: env() });
      expect(run.code, flag[0]).toBe(6);
      expect(run.stderr).toContain("check AURORA_CLUSTER_ARN, AURORA_SECRET_ARN and DATABASE_NAME against the stack's outputs");
    }
  });

  it("migrate applies the example (pgvector), then finds nothing to do, and the table answers nearest-neighbour queries", async () => {
    const migrations = join(folder, "migrations");
    cpSync(EXAMPLES, migrations, { recursive: true });
    const dry = await cli(["migrate", "--dry-run"], { cwd: folder, env: env() });
    expect(dry).toMatchObject({ code: 0, stdout: "0 applied; 1 would run\n  0001_documents_with_embeddings.sql\n" });
    const first = await cli(["migrate"], { cwd: folder, env: env() });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^applied 0001_documents_with_embeddings\.sql \(\d+ ms\)\n1 applied now, 0 before\n$/);
    expect((await cli(["migrate"], { cwd: folder, env: env() })).stdout).toBe("up to date: 1 applied, none pending\n");
    await db.batch("INSERT INTO documents (content, embedding) VALUES (:content, :embedding::vector)", [
      { content: "near", embedding: "[1,0,0]" },
      { content: "far", embedding: "[0,1,0]" },
    ]);
    const nearest = await db.query("SELECT content FROM documents ORDER BY embedding <=> :query::vector LIMIT :k", { query: "[0.9,0.1,0]", k: 1 });
    expect(nearest.rows).toEqual([{ content: "near" }]);
  });

  it("migrate applies a new file, refuses an edited one (exit 9) and rolls back a failing one (exit 8)", async () => {
    const migrations = join(folder, "migrations");
    writeFileSync(join(migrations, "0002_tags.sql"), "CREATE TABLE tags (name text PRIMARY KEY);\nINSERT INTO tags VALUES ('a;b');\n");
    expect(await cli(["migrate"], { cwd: folder, env: env() })).toMatchObject({ code: 0, stdout: expect.stringContaining("applied 0002_tags.sql") });
    expect((await db.query("SELECT name FROM tags")).rows).toEqual([{ name: "a;b" }]);

    writeFileSync(join(migrations, "0002_tags.sql"), "CREATE TABLE tags (name text PRIMARY KEY, extra int);\n");
    writeFileSync(join(migrations, "0003_more.sql"), "CREATE TABLE more (n int);\n");
    const edited = await cli(["migrate"], { cwd: folder, env: env() });
    expect(edited.code).toBe(9);
    expect(edited.stderr).toBe("aurora-db migrate: 0002_tags.sql changed after it was applied (checksum differs): restore the applied file and add a new migration for the change\n");
    expect((await db.query("SELECT to_regclass('more') IS NULL AS absent")).rows).toEqual([{ absent: true }]);

    writeFileSync(join(migrations, "0002_tags.sql"), "CREATE TABLE tags (name text PRIMARY KEY);\nINSERT INTO tags VALUES ('a;b');\n");
    writeFileSync(join(migrations, "0003_more.sql"), "CREATE TABLE more (n int);\nINSERT INTO nowhere VALUES (1);\n");
    const failing = await cli(["migrate"], { cwd: folder, env: env() });
    expect(failing.code).toBe(8);
    expect(failing.stderr).toContain("0003_more.sql failed and was rolled back");
    expect((await db.query("SELECT to_regclass('more') IS NULL AS absent")).rows).toEqual([{ absent: true }]);
    expect((await db.query("SELECT id FROM aurora_db_migrations ORDER BY id")).rows).toEqual([{ id: "0001_documents_with_embeddings.sql" }, { id: "0002_tags.sql" }]);
  });

  it("migrate refuses badly named files before connecting (exit 2)", async () => {
    const odd = join(folder, "odd");
    mkdirSync(odd);
    writeFileSync(join(odd, "create.sql"), "SELECT 1;");
    // No settings at all: a command that connected first would exit 3 for the missing settings.
    expect(await cli(["migrate", "--dir", "odd"], { cwd: folder, env: {} })).toMatchObject({
      code: 2,
      stderr: "aurora-db migrate: migration file names must look like 0001_create_table.sql: create.sql\n",
    });
  });
});

describe("aurora-db local", () => {
  const folder = scratchFolder();

  it("prints the settings to use, serves until stopped, then frees its port", async () => {
    const controller = new AbortController();
    const lines: string[] = [];
    let whileServing: Promise<number> | undefined;
    const running = main(["local", "--port", "0"], {
      stdout: (text) => {
        lines.push(text);
        // Once it has printed its settings, it answers on the endpoint it printed; then it is stopped.
        whileServing ??= fetch(`${/AURORA_DATA_API_ENDPOINT=(\S+)/.exec(text)![1]}/Execute`, { method: "POST", body: "{}" })
          .then((response) => response.status)
          .finally(() => controller.abort());
      },
      stderr: () => undefined,
      env: {},
      cwd: folder,
      signal: controller.signal,
    });
    expect(await running).toBe(0);
    expect(await whileServing, "a request without resourceArn, while serving").toBe(400);
    const printed = lines.join("");
    expect(printed).toMatch(/^local Data API on http:\/\/127\.0\.0\.1:\d+ \(PGlite, pgvector available: CREATE EXTENSION vector\)\n/);
    expect(printed).toContain("AURORA_CLUSTER_ARN=arn:aws:rds:us-east-1:000000000000:cluster:aurora-local\n");
    expect(printed).toContain("DATABASE_NAME=postgres\n");
    const endpoint = /AURORA_DATA_API_ENDPOINT=(\S+)/.exec(printed)![1]!;
    await expect(fetch(`${endpoint}/Execute`, { method: "POST", body: "{}" })).rejects.toThrow();
  });
});
