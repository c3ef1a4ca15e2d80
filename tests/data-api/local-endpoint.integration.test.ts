/**
 * Our client and CLI on the local Data API: transactions and batches through DataApiClient,
 * `aurora-db check`, `migrate` (pgvector included) and `local`. The endpoint's own behaviour, call
 * by call, is the conformance test's. One endpoint for the file: PGlite takes seconds to start.
 */
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { DataApiClient, LOCAL_DEFAULTS, startLocalDataApi, type LocalDataApi } from "aurora-data-api-toolkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../modules/aurora-data-api/src/cli/main";
import { startPostgresServer } from "../support/postgres-server";
import { cli, scratchFolder } from "./support";

const EXAMPLES = resolve(import.meta.dirname, "../../modules/aurora-data-api/examples/migrations");
let local: LocalDataApi;
let db: DataApiClient;

beforeAll(async () => {
  local = await startLocalDataApi({ port: 0 });
  db = new DataApiClient({ resourceArn: local.clusterArn, secretArn: local.secretArn, database: local.database, endpoint: local.endpoint });
});
afterAll(async () => {
  await local?.close();
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

  it("refuses at once, naming --database-url, a call outside an open transaction on PGlite's one connection", async () => {
    const transaction = await db.begin();
    try {
      await expect(db.query("SELECT 1")).rejects.toMatchObject({ code: "DatabaseUnavailableException", message: expect.stringContaining("--database-url") });
    } finally {
      await transaction.rollback();
    }
    expect((await db.query<{ n: number }>("SELECT 1::int4 AS n")).rows).toEqual([{ n: 1 }]);
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
    expect(run.stdout).toMatch(
      new RegExp(
        `^Data API OK: PostgreSQL \\d+\\.\\d+ \\(PGlite [\\d.]+\\), database postgres, cluster ${local.clusterArn}\\nno resume needed; [\\d.]+ s in all\\n$`,
      ),
    );
    const asJson = JSON.parse((await cli(["check", "--json"], { cwd: folder, env: env() })).stdout);
    expect(asJson).toMatchObject({ clusterArn: local.clusterArn, database: "postgres", resumeSeconds: 0 });
  });

  it("check names the local endpoint and points at the settings aurora-db local printed: exit 4 for another cluster, 6 for another secret or database", async () => {
    const cases: [string[], number, string][] = [
      [
        ["--cluster-arn", "arn:aws:rds:us-east-1:000000000000:cluster:gone"],
        4,
        "set AURORA_CLUSTER_ARN (or --cluster-arn) to the cluster ARN aurora-db local printed",
      ],
      [
        ["--secret-arn", "arn:aws:secretsmanager:us-east-1:000000000000:secret:gone-AbCdEf"],
        6,
        "set AURORA_SECRET_ARN (or --secret-arn) to the secret ARN aurora-db local printed",
      ],
      [["--database", "orders"], 6, "against the settings aurora-db local printed"],
    ];
    for (const [flag, code, advice] of cases) {
      const run = await cli(["check", ...flag], { cwd: folder, env: env() });
      expect(run.code, flag[0]).toBe(code);
      expect(run.stderr, flag[0]).toContain(`on the local Data API at ${local.endpoint} failed`);
      expect(run.stderr, flag[0]).toContain(advice);
      expect(run.stderr, flag[0]).not.toContain("aurora-db env");
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
    expect(edited.stderr).toBe(
      "aurora-db migrate: 0002_tags.sql changed after it was applied (checksum differs): restore the applied file and add a new migration for the change\n",
    );
    expect((await db.query("SELECT to_regclass('more') IS NULL AS absent")).rows).toEqual([{ absent: true }]);

    writeFileSync(join(migrations, "0002_tags.sql"), "CREATE TABLE tags (name text PRIMARY KEY);\nINSERT INTO tags VALUES ('a;b');\n");
    writeFileSync(join(migrations, "0003_more.sql"), "CREATE TABLE more (n int);\nINSERT INTO nowhere VALUES (1);\n");
    const failing = await cli(["migrate"], { cwd: folder, env: env() });
    expect(failing.code).toBe(8);
    expect(failing.stderr).toContain("0003_more.sql failed and was rolled back");
    expect((await db.query("SELECT to_regclass('more') IS NULL AS absent")).rows).toEqual([{ absent: true }]);
    expect((await db.query("SELECT id FROM aurora_db_migrations ORDER BY id")).rows).toEqual([
      { id: "0001_documents_with_embeddings.sql" },
      { id: "0002_tags.sql" },
    ]);
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

  /** Runs `aurora-db local` with `args`, hands its printed endpoint to `whileServing`, then stops it. */
  async function serve(args: readonly string[], whileServing: (endpoint: string) => Promise<unknown>) {
    const controller = new AbortController();
    let stdout = "";
    let stderr = "";
    let served: Promise<unknown> | undefined;
    const code = await main(["local", ...args], {
      stdout: (text) => {
        stdout += text;
        served ??= whileServing(/AURORA_DATA_API_ENDPOINT=(\S+)/.exec(text)![1]!).finally(() => controller.abort());
      },
      stderr: (text) => void (stderr += text),
      env: {},
      cwd: folder,
      signal: controller.signal,
    });
    return { code, stdout, stderr, served: await served };
  }

  it("says it is starting, prints the settings to use, serves until stopped, then frees its port", async () => {
    const run = await serve(["--port", "0"], (endpoint) => fetch(`${endpoint}/Execute`, { method: "POST", body: "{}" }).then((response) => response.status));
    expect(run.code).toBe(0);
    expect(run.served, "a request without resourceArn, while serving").toBe(400);
    expect(run.stderr).toBe("starting the local Data API on PGlite (its first start compiles PostgreSQL to WebAssembly: a few seconds)\n");
    expect(run.stdout).toMatch(/^local Data API on http:\/\/127\.0\.0\.1:\d+ \(PGlite, pgvector available: CREATE EXTENSION vector\), started in \d+\.\d s\n/);
    expect(run.stdout).toContain(`AURORA_CLUSTER_ARN=${LOCAL_DEFAULTS.clusterArn}\n`);
    expect(run.stdout).toContain("DATABASE_NAME=postgres\n");
    const endpoint = /AURORA_DATA_API_ENDPOINT=(\S+)/.exec(run.stdout)![1]!;
    await expect(fetch(`${endpoint}/Execute`, { method: "POST", body: "{}" })).rejects.toThrow();
  });

  it("on a port in use, exits 2 and suggests a free one", async () => {
    const port = Number(new URL(local.endpoint).port);
    const run = await cli(["local", "--port", String(port)], { cwd: folder });
    expect(run.code).toBe(2);
    const suggested = /such as --port (\d+) \(or --port 0 for any free one\)\n$/.exec(run.stderr)?.[1];
    expect(run.stderr, run.stderr).toContain(`aurora-db local: port ${port} of 127.0.0.1 is in use (another aurora-db local?)`);
    expect(suggested, run.stderr).toMatch(/^[1-9]\d*$/);
    expect(Number(suggested)).toBeLessThanOrEqual(65_535);
    expect(Number(suggested)).not.toBe(port);
  });

  it("refuses a --database-url that is not a PostgreSQL URL, without printing its password, and --data-dir with it", async () => {
    expect(await cli(["local", "--database-url", "mysql://me:secret@127.0.0.1/app"], { cwd: folder })).toEqual({
      code: 2,
      stdout: "",
      stderr:
        'aurora-db local: --database-url must be a PostgreSQL URL such as postgres://user:password@127.0.0.1:5432/app: received "mysql://me:***@127.0.0.1/app"\n',
    });
    expect(await cli(["local", "--database-url", "postgres://127.0.0.1/app", "--data-dir", "data"], { cwd: folder })).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--data-dir is for the embedded PGlite"),
    });
  });

  it("serves a PostgreSQL server given by --database-url, and names the server it cannot reach", async () => {
    const server = await startPostgresServer();
    try {
      const run = await serve(["--port", "0", "--database-url", server.url], async (endpoint) => {
        const client = new DataApiClient({ resourceArn: LOCAL_DEFAULTS.clusterArn, secretArn: LOCAL_DEFAULTS.secretArn, database: "postgres", endpoint });
        return (await client.query<{ version: string }>("SELECT current_setting('server_version_num') AS version")).rows[0]!.version;
      });
      expect(run.code).toBe(0);
      expect(Number(run.served)).toBeGreaterThanOrEqual(170_000);
      const shown = server.url.replace(/:[^:@/]+@/, ":***@");
      expect(run.stderr).toBe(`starting the local Data API on ${shown}\n`);
      expect(run.stdout).toMatch(/^local Data API on http:\/\/127\.0\.0\.1:\d+ \(PostgreSQL server\), started in/);
    } finally {
      await server.stop();
    }
    const unreachable = await cli(["local", "--port", "0", "--database-url", server.url], { cwd: folder });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain("cannot connect to the PostgreSQL server of --database-url postgres://postgres:***@127.0.0.1:");
    expect(unreachable.stderr).not.toContain(new URL(server.url).password);
  });
});
