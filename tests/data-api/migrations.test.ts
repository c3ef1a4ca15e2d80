/**
 * Migrations in process: files read from a folder in order, checked against the checksums
 * recorded in the database, and applied each in its own transaction under the advisory lock,
 * on a recorded client that keeps the migrations table in memory. The local endpoint's
 * integration test applies real files to PostgreSQL.
 */
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataApiError, type DataApiClient, type Transaction } from "aurora-data-api-toolkit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  applyMigrations,
  loadMigrations,
  MigrationError,
  MIGRATIONS_TABLE,
  planMigrations,
  type Migration,
} from "../../modules/aurora-data-api/src/migrations";

const CLUSTER = "arn:aws:rds:us-east-1:123456789012:cluster:orders";
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "migrations-"));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const write = (files: Record<string, string>) => {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
};

it("records applied migrations in the table aurora_db_migrations", () => {
  expect(MIGRATIONS_TABLE).toBe("aurora_db_migrations");
});

describe("loadMigrations", () => {
  it("reads the .sql files in the order of their numbers, each with its checksum and its statements with their lines", () => {
    write({ "10_later.sql": "SELECT 10;", "2_first.sql": "CREATE TABLE a (n int);\n\nINSERT INTO a VALUES (1);\n", "README.md": "not a migration" });
    const migrations = loadMigrations(folder);
    expect(migrations.map(({ id }) => id)).toEqual(["2_first.sql", "10_later.sql"]);
    expect(migrations[0]!.checksum).toBe(sha256("CREATE TABLE a (n int);\n\nINSERT INTO a VALUES (1);\n"));
    expect(migrations[0]!.statements.map(({ line }) => line)).toEqual([1, 3]);
    expect(migrations[0]!.statements.map(({ sql }) => sql.trim().replace(/;$/, ""))).toEqual(["CREATE TABLE a (n int)", "INSERT INTO a VALUES (1)"]);
  });

  it("orders equal numbers' files by name only to refuse them: each number once", () => {
    write({ "0001_b.sql": "SELECT 1;", "0001_a.sql": "SELECT 2;" });
    expect(() => loadMigrations(folder)).toThrow(new MigrationError("two migrations share the number 1: number each file once", "invalid"));
  });

  it("refuses file names without a number and a name, listing them", () => {
    write({
      "0001_ok.sql": "SELECT 1;",
      "create.sql": "SELECT 2;",
      "0002 spaced.sql": "SELECT 3;",
      "v0003_prefixed.sql": "SELECT 4;",
      "0004_twice.sql.sql": "SELECT 5;",
      "0005_.sql": "SELECT 6;",
    });
    const error = (() => {
      try {
        loadMigrations(folder);
      } catch (caught) {
        return caught as MigrationError;
      }
    })();
    expect(error).toBeInstanceOf(MigrationError);
    expect(error).toMatchObject({ name: "MigrationError", reason: "invalid" });
    expect(error!.message).toMatch(/^migration file names must look like 0001_create_table\.sql: /);
    expect(error!.message.split(": ")[1]!.split(", ").sort()).toEqual([
      "0002 spaced.sql",
      "0004_twice.sql.sql",
      "0005_.sql",
      "create.sql",
      "v0003_prefixed.sql",
    ]);
  });

  it("refuses a file without a statement, and a folder it cannot read", () => {
    write({ "0001_empty.sql": "-- nothing yet\n" });
    expect(() => loadMigrations(folder)).toThrow(new MigrationError("0001_empty.sql holds no statement", "invalid"));
    const missing = join(folder, "missing");
    expect(() => loadMigrations(missing)).toThrow(/^cannot read the migrations folder .*missing: ENOENT/);
  });

  it("reads an empty folder as no migrations", () => {
    mkdirSync(join(folder, "empty"));
    expect(loadMigrations(join(folder, "empty"))).toEqual([]);
  });
});

/**
 * A client whose database holds only the migrations table, as rows of id and checksum, and
 * records every statement with the transaction it ran in ("-" outside one). A transaction's
 * inserts count only once it commits, as in PostgreSQL.
 */
function recordedClient(
  options: {
    applied?: Record<string, string>;
    failOn?: (sql: string) => unknown;
    failCommit?: unknown;
    appliedMeanwhile?: Record<string, string>;
    lookupWithoutRows?: boolean;
  } = {},
) {
  const table = new Map(Object.entries(options.applied ?? {}));
  let tableExists = options.applied !== undefined;
  const log: string[] = [];
  let transactions = 0;
  const run = async (sql: string, parameters: Record<string, unknown> | undefined, pending: Map<string, string>, where: string) => {
    log.push(`${where} ${sql}`);
    const failure = options.failOn?.(sql);
    if (failure !== undefined) throw failure;
    if (sql.startsWith("SELECT to_regclass")) {
      expect(parameters).toEqual({ table: MIGRATIONS_TABLE });
      return { rows: options.lookupWithoutRows ? [] : [{ found: tableExists }], numberOfRecordsUpdated: 0, resumeMs: 0 };
    }
    if (sql.startsWith(`SELECT id, checksum FROM ${MIGRATIONS_TABLE}`)) {
      return { rows: [...table].sort(([a], [b]) => a.localeCompare(b)).map(([id, checksum]) => ({ id, checksum })), numberOfRecordsUpdated: 0, resumeMs: 0 };
    }
    if (sql.startsWith(`CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE}`)) tableExists = true;
    if (sql.startsWith(`INSERT INTO ${MIGRATIONS_TABLE}`)) pending.set(String(parameters!.id), String(parameters!.checksum));
    return { rows: [], numberOfRecordsUpdated: 0, resumeMs: 0 };
  };
  const client = {
    query: (sql: string, parameters?: Record<string, unknown>) => run(sql, parameters, new Map(), "-"),
    transaction: async <T>(work: (transaction: Transaction) => Promise<T>): Promise<T> => {
      const where = `tx${++transactions}`;
      const pending = new Map<string, string>();
      if (options.appliedMeanwhile !== undefined && transactions === 1) {
        for (const [id, checksum] of Object.entries(options.appliedMeanwhile)) table.set(id, checksum);
        tableExists = true;
      }
      const transaction = {
        id: where,
        query: (sql: string, parameters?: Record<string, unknown>) => run(sql, parameters, pending, where),
      } as unknown as Transaction;
      const result = await work(transaction).catch((error: unknown) => {
        log.push(`${where} ROLLBACK`);
        throw error;
      });
      if (options.failCommit !== undefined) throw options.failCommit;
      log.push(`${where} COMMIT`);
      for (const [id, checksum] of pending) table.set(id, checksum);
      return result;
    },
  };
  return { client: client as unknown as DataApiClient, table, log };
}

const migration = (id: string, ...statements: string[]): Migration => ({
  id,
  checksum: sha256(statements.join("\n")),
  statements: statements.map((sql, index) => ({ sql, line: index * 2 + 1 })),
});
const FIRST = migration("0001_create.sql", "CREATE TABLE a (n int)");
const SECOND = migration(
  "0002_fill.sql",
  "INSERT INTO a VALUES (1)",
  "  -- a comment\n   \n  INSERT INTO a VALUES (2) -- the second row, with a long comment after it to shorten",
);

const awsError = (name: string, operation: DataApiError["operation"] = "ExecuteStatement", message = `${name} happened`) =>
  new DataApiError({ clusterArn: CLUSTER, operation, cause: Object.assign(new Error(message), { name }) });

describe("planMigrations", () => {
  it("finds every migration pending, and creates nothing, when the table does not exist", async () => {
    const { client, log } = recordedClient();
    expect(await planMigrations(client, [FIRST, SECOND])).toEqual({ applied: [], pending: [FIRST, SECOND] });
    expect(log).toEqual(["- SELECT to_regclass(:table) IS NOT NULL AS found"]);
  });

  it("reads a table lookup without a row as no table", async () => {
    const { client } = recordedClient({ applied: { [FIRST.id]: FIRST.checksum }, lookupWithoutRows: true });
    expect(await planMigrations(client, [FIRST])).toEqual({ applied: [], pending: [FIRST] });
  });

  it("lists the applied ones and leaves the others pending", async () => {
    const { client } = recordedClient({ applied: { [FIRST.id]: FIRST.checksum } });
    expect(await planMigrations(client, [FIRST, SECOND])).toEqual({ applied: [FIRST.id], pending: [SECOND] });
  });

  it("refuses, naming them, applied migrations whose files changed", async () => {
    const { client } = recordedClient({ applied: { [FIRST.id]: "0".repeat(64), [SECOND.id]: "1".repeat(64) } });
    await expect(planMigrations(client, [FIRST, SECOND])).rejects.toEqual(
      new MigrationError(
        "0001_create.sql, 0002_fill.sql changed after it was applied (checksum differs): restore the applied file and add a new migration for the change",
        "edited",
      ),
    );
    await expect(planMigrations(client, [FIRST])).rejects.toMatchObject({ reason: "edited" });
  });
});

describe("applyMigrations", () => {
  it("applies each pending migration in its own transaction: lock, table, check, statements, record", async () => {
    const { client, table, log } = recordedClient();
    const applied: string[] = [];
    const result = await applyMigrations(client, [FIRST, SECOND], (id, ms) => {
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(ms).toBeLessThan(60_000);
      applied.push(id);
    });
    expect(result).toEqual({ before: [], ran: [FIRST.id, SECOND.id] });
    expect(applied).toEqual([FIRST.id, SECOND.id]);
    expect(Object.fromEntries(table)).toEqual({ [FIRST.id]: FIRST.checksum, [SECOND.id]: SECOND.checksum });
    const create = `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (id text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`;
    expect(log).toEqual([
      "- SELECT to_regclass(:table) IS NOT NULL AS found",
      "tx1 SELECT pg_advisory_xact_lock(72410001)",
      `tx1 ${create}`,
      "tx1 SELECT to_regclass(:table) IS NOT NULL AS found",
      `tx1 SELECT id, checksum FROM ${MIGRATIONS_TABLE} ORDER BY id`,
      "tx1 CREATE TABLE a (n int)",
      `tx1 INSERT INTO ${MIGRATIONS_TABLE} (id, checksum) VALUES (:id, :checksum)`,
      "tx1 COMMIT",
      "tx2 SELECT pg_advisory_xact_lock(72410001)",
      `tx2 ${create}`,
      "tx2 SELECT to_regclass(:table) IS NOT NULL AS found",
      `tx2 SELECT id, checksum FROM ${MIGRATIONS_TABLE} ORDER BY id`,
      "tx2 INSERT INTO a VALUES (1)",
      `tx2 ${SECOND.statements[1]!.sql}`,
      `tx2 INSERT INTO ${MIGRATIONS_TABLE} (id, checksum) VALUES (:id, :checksum)`,
      "tx2 COMMIT",
    ]);
  });

  it("applies only what is pending, and nothing when nothing is", async () => {
    const { client, log } = recordedClient({ applied: { [FIRST.id]: FIRST.checksum } });
    expect(await applyMigrations(client, [FIRST, SECOND])).toEqual({ before: [FIRST.id], ran: [SECOND.id] });
    expect(log.filter((line) => line.endsWith("COMMIT"))).toEqual(["tx1 COMMIT"]);
    expect(await applyMigrations(client, [FIRST, SECOND])).toEqual({ before: [FIRST.id, SECOND.id], ran: [] });
  });

  it("skips a migration another run applied while this one waited for the lock, and refuses it if that file differs", async () => {
    const meanwhile = recordedClient({ appliedMeanwhile: { [FIRST.id]: FIRST.checksum } });
    const reported: string[] = [];
    expect(await applyMigrations(meanwhile.client, [FIRST], (id) => reported.push(id))).toEqual({ before: [], ran: [] });
    expect(reported).toEqual([]);
    expect(meanwhile.log).not.toContain("tx1 CREATE TABLE a (n int)");
    const edited = recordedClient({ appliedMeanwhile: { [FIRST.id]: "f".repeat(64) } });
    await expect(applyMigrations(edited.client, [FIRST])).rejects.toMatchObject({ name: "MigrationError", reason: "edited" });
  });

  it("names the failing statement by its number, its line and its first line, shortened, and rolls the migration back", async () => {
    const refusal = awsError("DatabaseErrorException", "ExecuteStatement", "ERROR: relation a does not exist; SQLState: 42P01");
    const { client, table, log } = recordedClient({ failOn: (sql) => (sql.includes("VALUES (2)") ? refusal : undefined) });
    const error = await applyMigrations(client, [SECOND]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MigrationError);
    expect(error).toMatchObject({
      reason: "failed",
      message: `0002_fill.sql failed and was rolled back at statement 2 of 2 (line 3: INSERT INTO a VALUES (2) -- the second row, with a long c...): ${refusal.message}`,
    });
    expect(log.at(-1)).toBe("tx1 ROLLBACK");
    expect(table.size).toBe(0);
  });

  it("keeps a statement's first line whole when it is short", async () => {
    const refusal = awsError("DatabaseErrorException");
    const { client } = recordedClient({ failOn: (sql) => (sql === "CREATE TABLE a (n int)" ? refusal : undefined) });
    await expect(applyMigrations(client, [FIRST])).rejects.toThrow(
      `0001_create.sql failed and was rolled back at statement 1 of 1 (line 1: CREATE TABLE a (n int)): ${refusal.message}`,
    );
  });

  it("keeps a first line of exactly 60 characters whole, and shows a statement of comments only as it is", async () => {
    const sixty = `SELECT ${"x".repeat(53)}`;
    expect(sixty).toHaveLength(60);
    const refusal = awsError("DatabaseErrorException");
    const { client } = recordedClient({ failOn: (sql) => (sql.includes("x".repeat(53)) || sql.includes("only a comment") ? refusal : undefined) });
    await expect(applyMigrations(client, [migration("0003_wide.sql", sixty)])).rejects.toThrow(`(line 1: ${sixty}): `);
    await expect(applyMigrations(client, [migration("0004_comment.sql", "  -- only a comment  ")])).rejects.toThrow("(line 1: -- only a comment): ");
  });

  it("says no statement when the transaction failed around them", async () => {
    const { client } = recordedClient({ failOn: (sql) => (sql.startsWith("SELECT pg_advisory") ? new Error("lock wait") : undefined) });
    await expect(applyMigrations(client, [FIRST])).rejects.toThrow(new MigrationError("0001_create.sql failed and was rolled back: lock wait", "failed"));
  });

  it.each(["database-error", "invalid-request", "unsupported-result", "transaction-ended", "other"])(
    "fails the migration on a statement's %s",
    async (kind) => {
      const names: Record<string, string> = {
        "database-error": "DatabaseErrorException",
        "invalid-request": "ValidationException",
        "unsupported-result": "UnsupportedResultException",
        "transaction-ended": "TransactionNotFoundException",
        other: "InternalServerErrorException",
      };
      const cause = awsError(names[kind]!);
      expect(cause.kind).toBe(kind);
      const { client } = recordedClient({ failOn: (sql) => (sql === "CREATE TABLE a (n int)" ? cause : undefined) });
      await expect(applyMigrations(client, [FIRST])).rejects.toMatchObject({ name: "MigrationError", reason: "failed" });
    },
  );

  it.each(["AccessDeniedException", "HttpEndpointNotEnabledException", "DatabaseUnavailableException"])(
    "rethrows %s as it is: the connection's failure, not the migration's",
    async (name) => {
      const cause = awsError(name);
      const { client } = recordedClient({ failOn: (sql) => (sql === "CREATE TABLE a (n int)" ? cause : undefined) });
      await expect(applyMigrations(client, [FIRST])).rejects.toBe(cause);
    },
  );

  it("says that nothing was applied when the transaction had ended before the commit", async () => {
    const ended = awsError("TransactionNotFoundException", "CommitTransaction");
    const { client } = recordedClient({ failCommit: ended });
    await expect(applyMigrations(client, [FIRST])).rejects.toEqual(
      new MigrationError(
        `0001_create.sql failed and was rolled back: its transaction had ended before the commit, so none of it was applied (${ended.message})`,
        "failed",
      ),
    );
  });

  it("says that a migration may or may not have been applied when its commit failed otherwise", async () => {
    const failed = awsError("InternalServerErrorException", "CommitTransaction");
    const { client } = recordedClient({ failCommit: failed });
    await expect(applyMigrations(client, [FIRST, SECOND])).rejects.toEqual(
      new MigrationError(
        `0001_create.sql: its commit failed, so it may have been applied or not: look for it in ${MIGRATIONS_TABLE} before running again (${failed.message})`,
        "failed",
      ),
    );
  });
});
